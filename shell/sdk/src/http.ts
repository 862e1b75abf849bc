import { ApiError, toApiError } from './errors'

/** Query string values; null and undefined are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>

/** Options of one request. */
export interface RequestOptions {
  query?: QueryParams
  /** JSON-serialisable value, or FormData for uploads. */
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** What createHttpClient needs from its surroundings. */
export interface HttpClientOptions {
  /** Origin prefixed to every path; '' means the page's own origin. */
  baseUrl?: string
  /** Current language, sent as Accept-Language. */
  getLocale?: () => string
  /** Reads a cookie by name; defaults to document.cookie. */
  readCookie?: (name: string) => string | null
  /** Called with every 401 answer, after the promise is rejected. */
  onUnauthorized?: (error: ApiError) => void
  /**
   * A bearer token to send instead of the cookie session (a sandboxed vendor module has no session: the
   * shell hands it a scoped token). With one, no cookie and no CSRF token are sent.
   */
  getBearerToken?: () => string | null
  fetch?: typeof fetch
}

/** HTTP method the client sends. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/** A JSON client for the IA-Solution API with cookie session, CSRF and error parsing. */
export interface HttpClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>
  /** Forgets the CSRF token so the next write asks for a new one. */
  resetCsrf(): void
}

/** Path that sets the XSRF-TOKEN cookie. */
export const CSRF_PATH = '/api/v1/auth/csrf'
const CSRF_COOKIE = 'XSRF-TOKEN'
const CSRF_HEADER = 'X-XSRF-TOKEN'
const BAD_CSRF_CODE = 'E_BAD_CSRF_TOKEN'

/** Reads a cookie of the current document, URI-decoded. */
export function readDocumentCookie(name: string): string | null {
  if (typeof document === 'undefined') return null
  for (const part of document.cookie.split(';')) {
    const separator = part.indexOf('=')
    if (separator === -1) continue
    if (part.slice(0, separator).trim() === name)
      return decodeURIComponent(part.slice(separator + 1).trim())
  }
  return null
}

/** Builds `path?query` leaving out empty values. */
export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.append(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined
  const text = await response.text()
  if (!text) return undefined
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

/** Creates a client; the SDK's own `http` is one of these, configured by the shell. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? ''
  const readCookie = options.readCookie ?? readDocumentCookie
  const doFetch = (input: string, init: RequestInit) =>
    (options.fetch ?? globalThis.fetch)(input, init)
  let csrfReady: Promise<void> | null = null

  function ensureCsrf(): Promise<void> {
    csrfReady ??= doFetch(`${baseUrl}${CSRF_PATH}`, {
      method: 'GET',
      credentials: 'include',
      headers: { Accept: 'application/json' },
    })
      .then(async (response) => {
        if (!response.ok) throw toApiError(response.status, await readBody(response))
      })
      .catch((error: unknown) => {
        csrfReady = null
        throw error instanceof ApiError
          ? error
          : new ApiError(0, [{ code: 'E_NETWORK', message: '' }])
      })
    return csrfReady
  }

  async function send<T>(
    method: HttpMethod,
    path: string,
    requestOptions: RequestOptions,
    retried: boolean
  ): Promise<T> {
    const writes = method !== 'GET'
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...requestOptions.headers,
    }
    const locale = options.getLocale?.()
    if (locale) headers['Accept-Language'] = locale
    let body: BodyInit | undefined
    if (requestOptions.body instanceof FormData) body = requestOptions.body
    else if (requestOptions.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(requestOptions.body)
    }
    const bearer = options.getBearerToken?.() ?? null
    if (bearer) headers.Authorization = `Bearer ${bearer}`
    else if (writes) {
      await ensureCsrf()
      const token = readCookie(CSRF_COOKIE)
      if (token) headers[CSRF_HEADER] = token
    }

    let response: Response
    try {
      response = await doFetch(`${baseUrl}${withQuery(path, requestOptions.query)}`, {
        method,
        headers,
        body,
        credentials: bearer ? 'omit' : 'include',
        signal: requestOptions.signal,
      })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw new ApiError(0, [{ code: 'E_NETWORK', message: '' }])
    }

    const payload = await readBody(response)
    if (response.ok) return payload as T
    const error = toApiError(response.status, payload)
    if (writes && !bearer && !retried && error.code === BAD_CSRF_CODE) {
      csrfReady = null
      return send<T>(method, path, requestOptions, true)
    }
    if (response.status === 401) queueMicrotask(() => options.onUnauthorized?.(error))
    throw error
  }

  const request = <T>(method: HttpMethod, path: string, requestOptions: RequestOptions = {}) =>
    send<T>(method, path, requestOptions, false)

  return {
    request,
    get: (path, requestOptions) => request('GET', path, requestOptions),
    post: (path, body, requestOptions) => request('POST', path, { ...requestOptions, body }),
    patch: (path, body, requestOptions) => request('PATCH', path, { ...requestOptions, body }),
    put: (path, body, requestOptions) => request('PUT', path, { ...requestOptions, body }),
    delete: (path, requestOptions) => request('DELETE', path, requestOptions),
    resetCsrf: () => {
      csrfReady = null
    },
  }
}
