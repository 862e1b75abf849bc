/** Characters no path of ours holds: a backslash (browsers read `/\host` as `//host`) and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern refuses
const UNSAFE = /[\\\u0000-\u001f\u007f]/

/**
 * The same-origin path a redirect parameter names (`/unavailable?redirect=`, sign-in's return
 * address), or the home page for anything else: another site (`//evil.example`,
 * `https://evil.example`, `/%5Cevil.example`), a `javascript:` URL, or a value that is not a string.
 */
export function safeRedirect(target: unknown, origin: string = window.location.origin): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/'
  let decoded: string
  try {
    decoded = decodeURIComponent(target)
  } catch {
    return '/'
  }
  if (UNSAFE.test(target) || UNSAFE.test(decoded) || decoded.startsWith('//')) return '/'
  const url = new URL(target, origin)
  if (url.origin !== origin) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}
