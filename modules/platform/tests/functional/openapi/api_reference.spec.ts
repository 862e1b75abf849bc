import { test } from '@japa/runner'
import SwaggerParser from '@apidevtools/swagger-parser'
import type { OpenAPIV3_1 } from 'openapi-types'
import { buildOpenApiDocument } from '../../../app/openapi/document_builder.ts'
import { inspectRoutes, isDocumentedRoute } from '../../../app/openapi/route_inspection.ts'

type Operation = OpenAPIV3_1.OperationObject
type Body = OpenAPIV3_1.RequestBodyObject

test.group('API reference / OpenAPI document', () => {
  test('describes every /api/v1 route, and no route that does not exist', async ({ assert }) => {
    const { undocumented, stale } = await buildOpenApiDocument()
    assert.deepEqual(
      undocumented,
      [],
      `Describe these routes with describeRoute() in the module's start/openapi.ts`
    )
    assert.deepEqual(stale, [], 'These descriptions name routes that no longer exist')
  })

  test('has one operation per API route and verb, each with a unique operationId', async ({
    assert,
  }) => {
    const { document } = await buildOpenApiDocument()
    const paths = document.paths as Record<string, Record<string, Operation>>
    const operations = Object.values(paths).flatMap((path) => Object.values(path))
    const apiRoutes = inspectRoutes().filter(isDocumentedRoute)
    assert.isAbove(apiRoutes.length, 30)
    assert.lengthOf(operations, apiRoutes.length)
    const ids = operations.map((operation) => operation.operationId)
    assert.deepEqual(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      []
    )
    for (const [path, pathItem] of Object.entries(paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
      for (const operation of Object.values(pathItem)) {
        const declared = (operation.parameters as OpenAPIV3_1.ParameterObject[])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
        assert.deepEqual(declared, templated, `${operation.operationId}: path parameters`)
      }
    }
  })

  test('every operation documents its success, with a body schema unless it has no body', async ({
    assert,
  }) => {
    const { document } = await buildOpenApiDocument()
    const missing: string[] = []
    for (const [path, pathItem] of Object.entries(
      document.paths as Record<string, Record<string, Operation>>
    )) {
      for (const [method, operation] of Object.entries(pathItem)) {
        const responses = operation.responses as Record<string, OpenAPIV3_1.ResponseObject>
        const success = Object.keys(responses).filter((status) => /^[23]\d\d$/.test(status))
        if (!success.length) missing.push(`${method.toUpperCase()} ${path}: no 2xx or 3xx response`)
        for (const status of success) {
          const bodyless = status === '204' || status.startsWith('3')
          if (!bodyless && !responses[status].content)
            missing.push(`${method.toUpperCase()} ${path}: ${status} has no schema`)
        }
      }
    }
    assert.deepEqual(missing, [])
  })

  test('is a valid OpenAPI 3.1 document', async ({ assert }) => {
    const { document } = await buildOpenApiDocument()
    const validated = (await SwaggerParser.validate(
      structuredClone(document) as unknown as OpenAPIV3_1.Document
    )) as OpenAPIV3_1.Document
    assert.equal(validated.openapi, '3.1.0')
  })

  test('derives request schemas from the validators and security from the middleware', async ({
    assert,
  }) => {
    const { document } = await buildOpenApiDocument()
    const paths = document.paths as Record<string, Record<string, Operation>>

    const updateMember = paths['/api/v1/orgs/{orgId}/members/{memberId}'].patch!
    const memberBody = (updateMember.requestBody as Body).content['application/json']
      .schema as OpenAPIV3_1.SchemaObject
    assert.deepEqual(memberBody.properties!.role, { enum: ['admin', 'member'] })
    assert.deepEqual(memberBody.required, ['role'])
    assert.deepEqual(updateMember.security, [{ session: [] }, { accessToken: [] }])
    assert.includeMembers(Object.keys(updateMember.responses!), ['200', '401', '403', '404', '422'])
    assert.deepEqual(
      updateMember.parameters!.map((parameter) => (parameter as OpenAPIV3_1.ParameterObject).name),
      ['orgId', 'memberId']
    )

    const logo = (paths['/api/v1/orgs/{orgId}/logo'].post!.requestBody as Body).content[
      'multipart/form-data'
    ]
    assert.deepEqual((logo.schema as OpenAPIV3_1.SchemaObject).properties!.logo, {
      type: 'string',
      contentMediaType: 'application/octet-stream',
    })

    const auditLog = paths['/api/v1/orgs/{orgId}/audit-log'].get!
    assert.includeMembers(
      auditLog.parameters!.map(
        (parameter) =>
          `${(parameter as OpenAPIV3_1.ParameterObject).in}:${(parameter as OpenAPIV3_1.ParameterObject).name}`
      ),
      ['path:orgId', 'query:page', 'query:perPage']
    )

    assert.deepEqual(paths['/api/v1/auth/sign-in'].post!.security, [])
  })
})

test.group('API reference / endpoints', () => {
  test('GET /api/v1/openapi.json serves the document without signing in', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    assert.equal(response.body().openapi, '3.1.0')
    assert.property(response.body().paths, '/api/v1/orgs/{orgId}/members/{memberId}')
    assert.property(response.body().components.schemas, 'Organization')
    assert.property(response.body().paths, '/health/ready')
  })

  test('GET /api/v1/docs is Scalar reading the document, every script from this application', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/docs').header('accept-language', 'en')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/html/)
    const policy = response.header('content-security-policy') ?? ''
    assert.include(policy, "default-src 'none'")
    assert.include(policy, "script-src 'self';")
    assert.notMatch(policy, /unsafe-eval|https?:|\*/)
    const html = response.text()
    assert.include(html, 'data-url="/api/v1/openapi.json"')
    assert.include(html, '<html lang="en">')
    assert.include(html, '<title>IA-Solution API reference</title>')
    // Scalar speaks the reader's language; its CDN fonts and its AI agent stay off.
    const configuration = JSON.parse(
      html
        .match(/data-configuration="([^"]*)"/)![1]
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&')
    )
    assert.deepInclude(configuration, {
      withDefaultFonts: false,
      agent: { disabled: true },
      localization: { locale: 'en' },
    })
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)]
    assert.deepEqual(
      scripts
        .filter(([, attributes]) => !attributes.includes('type="application/json"'))
        .map(([, attributes, body]) => `${attributes.trim()}|${body}`),
      ['src="/api/v1/docs/scalar.js"|']
    )
    assert.notMatch(html, /(src|href)="(https?:)?\/\//i)
  })

  test('GET /api/v1/docs/scalar.js serves the Scalar build itself, cacheable', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/docs/scalar.js')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/javascript/)
    assert.match(response.header('cache-control') ?? '', /max-age=\d+/)
    assert.isAbove(Number(response.header('content-length')), 1_000_000)
  })

  test('GET /api/v1/docs speaks French by default', async ({ client, assert }) => {
    const response = await client.get('/api/v1/docs')
    response.assertStatus(200)
    assert.include(response.text(), "<title>Référence de l'API IA-Solution</title>")
    assert.include(response.text(), '<html lang="fr">')
  })
})
