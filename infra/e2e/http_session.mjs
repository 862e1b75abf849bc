/*
 * A browser-like HTTP session for scripts: keeps cookies and sends the CSRF header on writes.
 */

/**
 * A session against `baseUrl`; `call(method, path, body?)` resolves to `{ status, body }`, `cookieHeader()`
 * gives its cookies as a Cookie header (for load tools that replay them). `headers` go with every call.
 */
export function httpSession(baseUrl, { headers = {} } = {}) {
  const jar = new Map()
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  async function call(method, path, body) {
    if (method !== 'GET' && !jar.has('XSRF-TOKEN')) await call('GET', '/api/v1/auth/csrf')
    const xsrf = jar.get('XSRF-TOKEN')
    const response = await fetch(new URL(path, baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'cookie': cookieHeader(),
        ...(xsrf && method !== 'GET' ? { 'x-xsrf-token': decodeURIComponent(xsrf) } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
    const text = await response.text()
    let parsed = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: response.status, body: parsed }
  }
  return { call, cookieHeader }
}
