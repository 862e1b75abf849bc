import { describe, expect, it, vi } from 'vitest'
import { ApiError, createHttpClient } from '../src/index'

interface Call {
  url: string
  init: RequestInit
}

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
  })
}

function setup(responder: (call: Call) => Response | Promise<Response>) {
  document.cookie = 'XSRF-TOKEN=tok%2Fen%3D%3D; path=/'
  const calls: Call[] = []
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const call = { url, init }
    calls.push(call)
    return responder(call)
  })
  const onUnauthorized = vi.fn()
  const client = createHttpClient({
    fetch: fetch as unknown as typeof globalThis.fetch,
    getLocale: () => 'en',
    onUnauthorized,
  })
  return { client, calls, onUnauthorized }
}

const headers = (call: Call) => call.init.headers as Record<string, string>

describe('createHttpClient', () => {
  it('sends reads with the session cookie and the current language, without CSRF', async () => {
    const { client, calls } = setup(() => json(200, { data: [1] }))
    await expect(
      client.get('/api/v1/orgs', { query: { page: 2, q: '', tag: null } })
    ).resolves.toEqual({ data: [1] })
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toBe('/api/v1/orgs?page=2')
    expect(calls[0].init.credentials).toBe('include')
    expect(headers(calls[0])['Accept-Language']).toBe('en')
    expect(headers(calls[0])['X-XSRF-TOKEN']).toBeUndefined()
  })

  it('asks for the CSRF cookie once, then sends its decoded value on every write', async () => {
    const { client, calls } = setup((call) =>
      call.url.endsWith('/auth/csrf') ? json(204) : json(200, { ok: true })
    )
    await Promise.all([
      client.post('/api/v1/orgs', { name: 'Bralima' }),
      client.patch('/api/v1/orgs/1', { name: 'B' }),
    ])
    await client.delete('/api/v1/orgs/1/members/2')
    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'GET /api/v1/auth/csrf',
      'POST /api/v1/orgs',
      'PATCH /api/v1/orgs/1',
      'DELETE /api/v1/orgs/1/members/2',
    ])
    for (const call of calls.slice(1)) expect(headers(call)['X-XSRF-TOKEN']).toBe('tok/en==')
    expect(headers(calls[1])['Content-Type']).toBe('application/json')
    expect(calls[1].init.body).toBe('{"name":"Bralima"}')
  })

  it('sends a bearer token instead of the session when given one: no cookie, no CSRF', async () => {
    const calls: Call[] = []
    let token: string | null = 'vendor-token-1'
    const client = createHttpClient({
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init })
        return json(200, { ok: true })
      }) as unknown as typeof globalThis.fetch,
      getBearerToken: () => token,
    })
    await client.post('/api/v1/orgs/1/contacts', { name: 'Bralima' })
    token = 'vendor-token-2'
    await client.get('/api/v1/orgs/1/contacts')
    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'POST /api/v1/orgs/1/contacts',
      'GET /api/v1/orgs/1/contacts',
    ])
    expect(headers(calls[0]).Authorization).toBe('Bearer vendor-token-1')
    expect(headers(calls[1]).Authorization).toBe('Bearer vendor-token-2')
    expect(headers(calls[0])['X-XSRF-TOKEN']).toBeUndefined()
    expect(calls[0].init.credentials).toBe('omit')
  })

  it('sends FormData as is, letting the browser set the multipart boundary', async () => {
    const { client, calls } = setup((call) =>
      call.url.endsWith('/auth/csrf') ? json(204) : json(200, {})
    )
    const form = new FormData()
    form.append('logo', new Blob(['png']), 'logo.png')
    await client.post('/api/v1/orgs/1/logo', form)
    expect(calls[1].init.body).toBe(form)
    expect(headers(calls[1])['Content-Type']).toBeUndefined()
  })

  it('fetches a fresh token and retries once when the backend rejects the CSRF token', async () => {
    let writes = 0
    const { client, calls } = setup((call) => {
      if (call.url.endsWith('/auth/csrf')) return json(204)
      writes += 1
      return writes === 1
        ? json(403, { errors: [{ code: 'E_BAD_CSRF_TOKEN', message: 'Invalid CSRF token' }] })
        : json(201, { id: 7 })
    })
    await expect(client.post('/api/v1/orgs', {})).resolves.toEqual({ id: 7 })
    expect(calls.filter((call) => call.url.endsWith('/auth/csrf'))).toHaveLength(2)
  })

  it('turns the contract error body into an ApiError with field errors', async () => {
    const { client } = setup((call) =>
      call.url.endsWith('/auth/csrf')
        ? json(204)
        : json(422, {
            errors: [
              { code: 'E_VALIDATION', message: 'L’adresse e-mail est invalide', field: 'email' },
              { code: 'E_VALIDATION', message: 'Trop court', field: 'password' },
              { code: 'E_VALIDATION', message: 'Second message', field: 'email' },
            ],
          })
    )
    const error = await client.post('/api/v1/auth/sign-up', {}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(422)
    expect(apiError.code).toBe('E_VALIDATION')
    expect(apiError.message).toBe('L’adresse e-mail est invalide')
    expect(apiError.fieldErrors).toEqual({
      email: 'L’adresse e-mail est invalide',
      password: 'Trop court',
    })
  })

  it('reports 401 answers to the host and bodies without errors as E_HTTP_<status>', async () => {
    const { client, onUnauthorized } = setup((call) =>
      call.url.endsWith('/me')
        ? json(401, { errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'Non authentifié' }] })
        : new Response('<html>', { status: 502 })
    )
    await expect(client.get('/api/v1/auth/me')).rejects.toMatchObject({
      status: 401,
      code: 'E_UNAUTHORIZED_ACCESS',
    })
    await Promise.resolve()
    expect(onUnauthorized).toHaveBeenCalledOnce()
    const gatewayError = (await client
      .get('/api/v1/orgs')
      .catch((caught: unknown) => caught)) as ApiError
    expect(gatewayError.code).toBe('E_HTTP_502')
    expect(gatewayError.hasUserMessage).toBe(false)
  })

  it('reports an unreachable server as E_NETWORK with status 0, and returns nothing for 204', async () => {
    const down = setup(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(down.client.get('/api/v1/auth/me')).rejects.toMatchObject({
      status: 0,
      code: 'E_NETWORK',
    })
    const { client } = setup(() => json(204))
    await expect(client.post('/api/v1/auth/sign-out')).resolves.toBeUndefined()
  })
})
