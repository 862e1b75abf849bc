import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import {
  API_TYPES_FILE,
  BACKEND_PERMISSION_TYPES_FILE,
  PERMISSION_TYPES_FILE,
  generateApiTypes,
  generateBackendPermissionTypes,
  generatePermissionTypes,
} from '../../../app/openapi/api_types.ts'
import { buildOpenApiDocument } from '../../../app/openapi/document_builder.ts'
import { serializeOrganization } from '../../../app/transformers/organization_transformer.ts'
import { serializeUser } from '../../../app/transformers/user_transformer.ts'

test.group('API reference / generated wire types', () => {
  test('the response schemas are the serializers’ own', async ({ assert }) => {
    const { document } = await buildOpenApiDocument()
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas
    assert.strictEqual(schemas.User, serializeUser.schema)
    assert.strictEqual(schemas.Organization, serializeOrganization.schema)
    assert.deepEqual(JSON.parse(JSON.stringify(schemas.User)).required, [
      'id',
      'email',
      'fullName',
      'locale',
      'emailVerified',
      'createdAt',
    ])
  })

  test('the checked-in SDK types are those the current document gives', async ({ assert }) => {
    const generated = await generateApiTypes()
    const checkedIn = await readFile(API_TYPES_FILE, 'utf8')
    assert.isTrue(
      generated === checkedIn,
      'shell/sdk/src/generated/openapi.ts is stale: run `node ace openapi:types` in backend/ and commit it'
    )
  })

  test("the checked-in permission types are the modules' module.json lists", async ({ assert }) => {
    const checkedIn = await readFile(PERMISSION_TYPES_FILE, 'utf8')
    assert.isTrue(
      generatePermissionTypes() === checkedIn,
      'shell/sdk/src/generated/permissions.ts is stale: run `node ace openapi:types` in backend/'
    )
    assert.include(checkedIn, '"platform.member.manage"')
    assert.notInclude(checkedIn, '"probe"')
  })

  test("the backend's permission types are the same lists, its test fixture modules' included", async ({
    assert,
  }) => {
    const checkedIn = await readFile(BACKEND_PERMISSION_TYPES_FILE, 'utf8')
    assert.isTrue(
      generateBackendPermissionTypes() === checkedIn,
      'backend/types/module_permissions.ts is stale: run `node ace openapi:types` in backend/'
    )
    assert.include(checkedIn, '"contacts.contact.read"')
    assert.include(checkedIn, '"probe.note.create"')
  })
})
