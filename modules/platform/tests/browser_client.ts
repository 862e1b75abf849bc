/**
 * A tiny browser for tests that need what Japa's client cannot give: one session kept across
 * requests (Japa's session plugin replaces and destroys the session cookie on every request),
 * cookies per host, the shell's CSRF dance and redirects followed across servers.
 */
export class BrowserClient {
  /** Cookies by `host:port`, then by name. */
  readonly jar = new Map<string, Map<string, string>>()

  constructor(readonly baseUrl: string) {}

  /** The test HTTP server the functional suite starts. */
  static forTestServer() {
    return new BrowserClient(
      `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '3333'}`
    )
  }

  cookie(name: string, host = new URL(this.baseUrl).host) {
    return this.jar.get(host)?.get(name)
  }

  setCookie(name: string, value: string, host = new URL(this.baseUrl).host) {
    if (!this.jar.has(host)) this.jar.set(host, new Map())
    this.jar.get(host)!.set(name, value)
  }

  #store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = attributes.some((attribute) => {
        const [key, raw] = attribute.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(raw) <= 0
        if (key.toLowerCase() === 'expires') return new Date(raw).getTime() <= Date.now()
        return false
      })
      if (!this.jar.has(url.host)) this.jar.set(url.host, new Map())
      if (expired || value === '') this.jar.get(url.host)!.delete(name)
      else this.jar.get(url.host)!.set(name, value)
    }
  }

  /** One request, without following redirects; cookies of the target host are sent and stored. */
  async request(
    method: string,
    target: string,
    options: {
      json?: unknown
      form?: Record<string, string>
      headers?: Record<string, string>
    } = {}
  ) {
    const url = new URL(target, this.baseUrl)
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    const cookies = [...(this.jar.get(url.host) ?? new Map()).entries()].map(
      ([name, value]) => `${name}=${value}`
    )
    if (cookies.length) headers.cookie = cookies.join('; ')
    let body: string | undefined
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(options.form).toString()
    }
    if (!['GET', 'HEAD'].includes(method) && url.origin === new URL(this.baseUrl).origin) {
      const xsrf = this.cookie('XSRF-TOKEN')
      if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' })
    this.#store(url, response)
    const text = await response.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    return { status: response.status, headers: response.headers, text, body: json, url }
  }

  get(target: string) {
    return this.request('GET', target)
  }

  /** A write as the shell sends it: the CSRF cookie is fetched first when missing. */
  async send(method: 'POST' | 'PATCH' | 'DELETE', target: string, json?: unknown) {
    if (!this.cookie('XSRF-TOKEN')) await this.get('/api/v1/auth/csrf')
    return this.request(method, target, { json: json ?? {} })
  }

  /** Signs in with email and password, as the shell's sign-in page does. */
  async signIn(email: string, password: string) {
    return this.send('POST', '/api/v1/auth/sign-in', { email, password })
  }

  /**
   * Follows redirects from `start` across hosts, submitting the first form of any HTML page with
   * `fill` merged into its hidden inputs, until a response is not a redirect or `stop` says so.
   */
  async navigate(start: string, fill: Record<string, string>, stop: (location: URL) => boolean) {
    let response = await this.request('GET', start, { headers: { accept: 'text/html' } })
    for (let hops = 0; hops < 30; hops++) {
      const location = response.headers.get('location')
      if (location) {
        const next = new URL(location, response.url)
        if (stop(next)) return { location: next, response }
        response = await this.request('GET', next.toString(), { headers: { accept: 'text/html' } })
        continue
      }
      const form = response.text.match(/<form[^>]*action="([^"]+)"[^>]*method="post"/i)
      if (response.status !== 200 || !form) return { location: null, response }
      const fields: Record<string, string> = {}
      for (const input of response.text.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
        const name = input[0].match(/name="([^"]+)"/)?.[1]
        const value = input[0].match(/value="([^"]*)"/)?.[1] ?? ''
        if (name) fields[name] = value
      }
      const action = new URL(form[1].replace(/&amp;/g, '&'), response.url)
      response = await this.request('POST', action.toString(), {
        form: { ...fields, ...fill },
        headers: { accept: 'text/html' },
      })
    }
    throw new Error(`Too many redirects from ${start}`)
  }
}
