/*
 * Input fuzzer. It reads the API's own OpenAPI document to find every route and verb (so a module added
 * later is fuzzed the day it is registered; the few routes outside the reference come from the router),
 * signs in as members of an organisation (the owner, whose permissions let every body reach its validator,
 * and a plain member for the refusals), and sends each class of bad input the platform must refuse with a
 * JSON 4xx: malformed percent-encoding, bodies nested 20,000 levels deep, wrong shapes in the query
 * string and in form bodies, headers beyond what a column holds, oversize headers (431) and bodies (413),
 * unknown content types and encodings (415), compressed bodies that are not compressed, malformed JSON,
 * `null` and nested values where scalars are expected, lone UTF-16 surrogates, and random well-typed-but-
 * wrong bodies from fast-check (seeded: FUZZ_SEED reproduces a run). Requests alternate between the
 * session (+ CSRF token) and a personal access token. It fails on any 5xx, on an error that is not in the
 * platform's shape, and on any row a refused request changed.
 */
import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { test } from '@japa/runner'
import fc from 'fast-check'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient, ApiRequest, ApiResponse } from '@japa/api-client'
import { User } from '@ia/platform/testing'
import type { Organization } from '@ia/platform/testing'
import {
  addMember,
  createOwnerWithOrganization,
  createUser,
  enableModule,
} from '@ia/platform/testing'
import { notifications } from '@ia/platform/contracts'
import { inspectRoutes, isDocumentedRoute } from '@ia/platform/testing'
import { openApiPath } from '@ia/platform/testing'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207)
const RANDOM_BODIES_PER_ROUTE = 6
const BODY_VERBS = new Set(['post', 'put', 'patch', 'delete'])

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  enum?: unknown[]
  contentMediaType?: string
}
type Operation = {
  parameters?: { name: string; in: 'path' | 'query'; schema?: JsonSchema }[]
  requestBody?: {
    content: Record<string, { schema?: JsonSchema; example?: Record<string, unknown> }>
  }
  security?: unknown[]
}
/** One verb of one documented path, as the fuzzer calls it. */
type Target = {
  method: string
  path: string
  operation: Operation
  bodyType: 'json' | 'multipart' | null
  schema: JsonSchema
  example: Record<string, unknown>
}
/** The organisation and credentials one route is fuzzed with. */
type World = {
  client: ApiClient
  owner: User
  member: User
  organization: Organization
  token: string
  dirty?: boolean
}
/** How a request of one class is built, and the status it must get when the class has only one right answer. */
type Probe = { name: string; build: (world: World) => ApiRequest; expect?: number; body?: boolean }

/** A real record for the path parameters the platform knows, so bodies get past the lookup; any other parameter gets a fresh UUID. */
const RECORDS: Record<string, (world: World) => Promise<string>> = {
  orgId: async ({ organization }) => organization.id,
  memberId: async ({ organization }) =>
    (await addMember(organization, await createUser(), 'member')).id,
  tokenId: async ({ owner }) =>
    String((await User.accessTokens.create(owner, ['*'], { name: 'Fuzzer target' })).identifier),
  moduleId: async () => (await app.container.make('platform.modules')).catalog.optional()[0].id,
  notificationId: async ({ owner }) =>
    notifications.notify(owner.id, {
      title: { fr: 'Essai', en: 'Test' },
      body: { fr: 'Essai', en: 'Test' },
    }),
  contactId: async ({ client, owner, organization }) =>
    (
      await client
        .post(`/api/v1/orgs/${organization.id}/contacts`)
        .json({ kind: 'person', name: 'Cible du fuzzer' })
        .loginAs(owner)
        .withCsrfToken()
    ).body().contact.id,
  invitationId: async ({ client, owner, organization }) =>
    (
      await client
        .post(`/api/v1/orgs/${organization.id}/invitations`)
        .json({ email: `cible-${organization.id}@example.cd`, role: 'member' })
        .loginAs(owner)
        .withCsrfToken()
    ).body().invitation.id,
  path: async ({ organization }) => `orgs/${organization.id}/logo.png`,
}

/**
 * Every documented verb of every path, with its body's media type, schema and example, then the routes
 * outside the API reference (live updates under `/__transmit`), which get every probe but a schema's.
 */
async function targets(client: ApiClient): Promise<Target[]> {
  const response = await client.get('/api/v1/openapi.json')
  response.assertStatus(200)
  const paths = response.body().paths as Record<string, Record<string, Operation>>
  for (const route of inspectRoutes().filter((candidate) => !isDocumentedRoute(candidate))) {
    const verbs = (paths[openApiPath(route.pattern)] ??= {})
    verbs[route.method.toLowerCase()] ??= { security: route.authenticated ? [{ session: [] }] : [] }
  }
  return Object.entries(paths).flatMap(([path, verbs]) =>
    Object.entries(verbs).map(([method, operation]) => {
      const [mediaType, content] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [
        null,
        undefined,
      ]
      const bodyType = mediaType === 'multipart/form-data' ? 'multipart' : mediaType ? 'json' : null
      return {
        method,
        path,
        operation,
        bodyType,
        schema: content?.schema ?? { type: 'object', properties: {} },
        example: content?.example ?? {},
      } as Target
    })
  )
}

/** A fresh organisation with every optional module on, a Bearer token for its owner, and a member with the plain role. */
async function newWorld(client: ApiClient): Promise<World> {
  const { owner, organization } = await createOwnerWithOrganization()
  const registry = await app.container.make('platform.modules')
  for (const module of registry.catalog.optional())
    await enableModule(organization, module.id, owner)
  const token = (await User.accessTokens.create(owner, ['*'], { name: 'Fuzzer' })).value!.release()
  const member = await createUser()
  await addMember(organization, member, 'member')
  return { client, owner, member, organization, token }
}

/** A checksum per table of every module's schema: rows a refused request wrote show up as a changed entry. */
async function tableChecksums() {
  const { rows: tables } = await db.rawQuery<{
    rows: { schema: string; name: string; bookkeeping: boolean }[]
  }>(
    `SELECT t.table_schema AS schema, t.table_name AS name,
            EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema
                    AND c.table_name = t.table_name AND c.column_name = 'last_used_at') AS bookkeeping
     FROM information_schema.tables t
     WHERE t.table_type = 'BASE TABLE' AND t.table_schema NOT IN ('pg_catalog', 'information_schema', 'public')
     ORDER BY 1, 2`
  )
  // Any insert or update leaves a row with a newer xmin, any delete a smaller count: both are cheap to
  // read however many rows the run's organisations accumulate (a whole chart of accounts each). Tables with
  // a last use (tokens, keys) are compared without it: that is bookkeeping of the request itself.
  const query = tables
    .map(({ schema, name, bookkeeping }) =>
      bookkeeping
        ? `SELECT '${schema}.${name}' AS name, count(*) || ':' || coalesce(md5(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(t) - 'last_used_at')::text)), '') AS sum FROM "${schema}"."${name}" t`
        : `SELECT '${schema}.${name}' AS name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) AS sum FROM "${schema}"."${name}" t`
    )
    .join(' UNION ALL ')
  return async () => {
    const { rows } = await db.rawQuery<{ rows: { name: string; sum: string }[] }>(query)
    return Object.fromEntries(rows.map((row) => [row.name, row.sum]))
  }
}

/** Property names of a body schema, by the JSON type they expect. */
function fieldsOf(schema: JsonSchema) {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const types = [property.type ?? 'object'].flat().filter((type) => type !== 'null')
    const kind = property.contentMediaType
      ? 'file'
      : types.includes('array')
        ? 'array'
        : types.includes('object')
          ? 'object'
          : 'scalar'
    return { name, kind, property }
  })
}

/** The example body with every field replaced by what `wrong(field)` gives (fields it skips keep their example value). */
function mutate(target: Target, wrong: (field: ReturnType<typeof fieldsOf>[number]) => unknown) {
  const body: Record<string, unknown> = { ...target.example }
  for (const field of fieldsOf(target.schema)) {
    if (field.kind === 'file') continue
    const value = wrong(field)
    if (value !== undefined) body[field.name] = value
  }
  return body
}

/** Values of the right JSON type that no validator should accept as they are, mixed with the wrong types. */
const wrongValue = fc.oneof(
  fc.constantFrom(
    '\ud800',
    'a\udfffb',
    '',
    ' ',
    '-1',
    '1e309',
    'NaN',
    '0x10',
    '../../etc/passwd',
    '%ff',
    '<script>',
    '\u202e',
    'x'.repeat(5000)
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308)),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.object()), { maxLength: 3 }),
  fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(fc.string(), fc.constant(null), fc.array(fc.constant(null))),
    { maxKeys: 3 }
  )
)

/** Random bodies built on the route's own fields, each field set to a random wrong value or left out. */
function randomBodies(target: Target, seed: number) {
  const names = fieldsOf(target.schema)
    .filter((field) => field.kind !== 'file')
    .map((field) => field.name)
  const body = fc.record(Object.fromEntries(names.map((name) => [name, wrongValue])), {
    requiredKeys: [],
  })
  return fc.sample(body, { seed, numRuns: RANDOM_BODIES_PER_ROUTE }) as Record<string, unknown>[]
}

/** Sends a request whose header section is over Node's 16 KB limit: the server answers before any route runs. */
function oversizeHeaderRequest(path: string) {
  const url = new URL(path, `http://${process.env.HOST}:${process.env.PORT}`)
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'GET', headers: { 'x-padding': 'a'.repeat(20_000), 'accept-language': 'en' } },
      (response) => {
        let body = ''
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            type: String(response.headers['content-type']),
            body,
          })
        )
      }
    )
    request.on('error', reject)
    request.end()
  })
}

test.group('Security / input fuzzer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('no route answers 500 or writes a row for bad input, on every route and verb of the API', async ({
    client,
    assert,
  }) => {
    const started = Date.now()
    const checksums = await tableChecksums()
    const failures: string[] = []
    let sent = 0
    let serverErrors = 0
    const routes = await targets(client)
    assert.isAbove(routes.length, 20, 'the OpenAPI document lists the routes')

    let world = await newWorld(client)
    for (const [routeIndex, target] of routes.entries()) {
      // A route that accepted a write may have changed what the next one relies on (a module, a membership).
      if (world.dirty) world = await newWorld(client)
      const values: Record<string, string> = {}
      for (const [, name] of target.path.matchAll(/\{([^}]+)\}/g))
        values[name] = await (RECORDS[name] ?? (async () => randomUUID()))(world)
      const pathWith = (fill: (name: string) => string) =>
        target.path.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name))
      const url = pathWith((name) => values[name])
      const queryNames = (target.operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name)
      const authenticated = Boolean(target.operation.security?.length)
      const hasBody = BODY_VERBS.has(target.method)

      let callIndex = 0
      /**
       * The request of one probe, from the owner by session + CSRF or by Bearer token in turn (every body
       * reaches its validator), every fifth from a plain member (the refusals of permissions), and every
       * third call of a public route from nobody.
       */
      const call = (path: string, w: World) => {
        const request = w.client[target.method as 'get'](path)
          .redirects(0)
          .header('accept-language', callIndex % 2 ? 'en' : 'fr')
        callIndex += 1
        if (!authenticated && callIndex % 3 === 0) return request
        if (callIndex % 5 === 0) return request.loginAs(w.member).withCsrfToken()
        return callIndex % 2
          ? request.bearerToken(w.token)
          : request.loginAs(w.owner).withCsrfToken()
      }
      const withBody =
        (raw: string | object, type = 'application/json') =>
        (w: World) =>
          call(url, w).unsafeJson(raw).type(type)

      const probes: Probe[] = [
        ...['%ff', '%E0%A4%A', '%ED%A0%80', '%00'].flatMap((bad) =>
          Object.keys(values).length
            ? [
                {
                  name: `path ${bad}`,
                  build: (w: World) =>
                    call(
                      pathWith(() => bad),
                      w
                    ),
                },
              ]
            : []
        ),
        ...[...queryNames, 'page'].slice(0, 3).flatMap((name) => [
          {
            name: `query ${name}=%ff`,
            build: (w: World) => call(`${url}?${name}=%ff&${name}x=%ED%A0%80`, w),
          },
          {
            name: `query ${name}[]`,
            build: (w: World) => call(`${url}?${name}[]=a&${name}[]=b&${name}[x][y]=1`, w),
          },
        ]),
        {
          name: 'long headers',
          build: (w: World) =>
            call(url, w)
              .header(
                'x-forwarded-for',
                Array.from({ length: 30 }, (_, i) => `203.0.113.${i}`)
                  .join(',')
                  .padEnd(300, '9')
              )
              .header('user-agent', 'Fuzzer/1.0 '.repeat(400)),
        },
        {
          name: 'bad forwarded address',
          build: (w: World) =>
            call(url, w)
              .header('x-forwarded-for', 'x'.repeat(300))
              .header('accept-language', 'zz-'.repeat(200)),
        },
      ]
      if (hasBody) {
        probes.push(
          ...['gzip', 'deflate', 'br'].map((encoding) => ({
            name: `content-encoding ${encoding}`,
            body: true,
            expect: 400,
            build: (w: World) => withBody(target.example)(w).header('content-encoding', encoding),
          })),
          {
            name: 'content-encoding unknown',
            body: true,
            expect: 415,
            build: (w: World) =>
              withBody(target.example)(w).header('content-encoding', 'compress, x-fuzz'),
          },
          {
            name: 'content-type unknown',
            body: true,
            expect: 415,
            build: withBody('<a>1</a>', 'application/xml'),
          },
          {
            name: 'content-type text',
            body: true,
            expect: 415,
            build: withBody('name=x', 'text/plain'),
          },
          {
            name: 'oversize body',
            body: true,
            expect: 413,
            build: withBody({ ...target.example, padding: 'x'.repeat(1_100_000) }),
          },
          { name: 'malformed json', body: true, expect: 400, build: withBody('{"name": "x",') },
          {
            name: 'deep nesting',
            body: true,
            expect: 422,
            build: withBody(`{"name":${'['.repeat(20_000)}${']'.repeat(20_000)}}`),
          },
          {
            name: 'nesting past the limit',
            body: true,
            expect: 422,
            build: withBody(`{"name":${'[{"a":'.repeat(40)}1${'}]'.repeat(40)}}`),
          },
          {
            name: 'form with wrong shapes',
            body: true,
            build: withBody(
              `${fieldsOf(target.schema)
                .map((field) => `${field.name}[]=x&${field.name}[a][b]=%ff`)
                .join('&')}&%E0%A4%A=1`,
              'application/x-www-form-urlencoded'
            ),
          },
          {
            name: 'invalid utf-8 json',
            body: true,
            build: withBody(
              Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString(
                'latin1'
              )
            ),
          },
          { name: 'top-level array', body: true, build: withBody('[null]') },
          { name: 'top-level scalar', body: true, build: withBody('"x"') },
          {
            name: 'nulls',
            body: true,
            build: withBody(
              mutate(target, (field) =>
                field.kind === 'array'
                  ? [null]
                  : field.kind === 'object'
                    ? { nested: [null] }
                    : null
              )
            ),
          },
          {
            name: 'nested where scalar',
            body: true,
            build: withBody(
              mutate(target, (field) =>
                field.kind === 'scalar'
                  ? { value: ['x'] }
                  : field.kind === 'array'
                    ? [{ a: 1 }, ['x']]
                    : 'x'
              )
            ),
          },
          {
            name: 'lone surrogates',
            body: true,
            build: withBody(
              mutate(target, (field) =>
                field.kind === 'array'
                  ? ['\ud800']
                  : field.kind === 'object'
                    ? { '\udc00': '\ud800' }
                    : '\ud800'
              )
            ),
          },
          ...randomBodies(target, SEED + routeIndex).map((body, index) => ({
            name: `random body #${index}`,
            body: true,
            build: withBody(body),
          }))
        )
        if (target.bodyType === 'multipart') {
          const fields = fieldsOf(target.schema)
          probes.push(
            {
              name: 'multipart with wrong fields',
              body: true,
              build: (w: World) =>
                fields.reduce(
                  (request, field) =>
                    field.kind === 'file'
                      ? request.file(field.name, Buffer.from('\ud800\u0000'), {
                          filename: '%ff\ud800.csv',
                        })
                      : request.field(field.name, '\ud800'),
                  call(url, w)
                ),
            },
            {
              name: 'multipart without boundary',
              body: true,
              build: withBody('--x\r\n\r\n', 'multipart/form-data'),
            }
          )
        }
      }

      // The checksums after a refused request are the baseline of the next one; anything else takes a new one.
      let baseline: Record<string, string> | null = null
      for (const probe of probes) {
        const before = baseline ?? (await checksums())
        baseline = null
        const request = probe.build(world)
        let response: ApiResponse
        try {
          response = await request
        } catch (error) {
          failures.push(
            `${target.method.toUpperCase()} ${target.path} [${probe.name}]: no answer (${(error as Error).message})`
          )
          continue
        }
        sent += 1
        const status = response.status()
        const where = `${target.method.toUpperCase()} ${target.path} [${probe.name}] → ${status}`
        if (status >= 500) {
          serverErrors += 1
          failures.push(`${where}: ${JSON.stringify(response.body()).slice(0, 200)}`)
          continue
        }
        if (probe.expect && status !== probe.expect)
          failures.push(`${where}, expected ${probe.expect}`)
        if (status < 400) {
          // An accepted request may write (the next probe takes a new baseline) or sign its token out.
          if (target.method !== 'get') {
            world.token = (
              await User.accessTokens.create(world.owner, ['*'], { name: 'Fuzzer' })
            ).value!.release()
            world.dirty = true
          }
          continue
        }
        const errors = response.body()?.errors
        const shaped =
          Array.isArray(errors) &&
          errors.length > 0 &&
          errors.every(
            (entry) =>
              typeof entry.code === 'string' &&
              typeof entry.message === 'string' &&
              entry.message.length > 0
          )
        if (!shaped || !String(response.header('content-type')).includes('application/json'))
          failures.push(`${where}: not the error shape: ${response.text().slice(0, 200)}`)
        const after = await checksums()
        const changed = Object.keys(after).filter((table) => after[table] !== before[table])
        if (changed.length) failures.push(`${where}: refused but changed ${changed.join(', ')}`)
        baseline = after
      }

      const oversize = await oversizeHeaderRequest(url)
      sent += 1
      if (
        oversize.status !== 431 ||
        !oversize.type.includes('application/json') ||
        !JSON.parse(oversize.body || '{}').errors?.[0]?.message
      ) {
        failures.push(
          `${target.method.toUpperCase()} ${target.path} [oversize header] → ${oversize.status} ${oversize.body.slice(0, 120)}`
        )
      }
    }

    console.log(
      `input fuzzer: ${routes.length} routes, ${sent} requests sent, ${serverErrors} answered 5xx, ${failures.length} failures, ${Date.now() - started} ms (FUZZ_SEED=${SEED})`
    )
    assert.deepEqual(failures, [])
    // A guard against a hang, not a speed goal: every module's routes add to the run (about 30 probes a route).
  }).timeout(900_000)
})
