/*
 * Errors answered before AdonisJS has a request context: a URL whose percent-encoding does not decode,
 * and what Node's HTTP parser refuses (headers over its size limit, a malformed request line). They
 * still leave in the platform's shape, `{ errors: [{ code, message }] }`, in the caller's language.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http'
import type { Duplex } from 'node:stream'

/** The languages an Accept-Language value lists, best first (quality values are ignored: fr and en are all we speak). */
function languagesOf(header: string | undefined) {
  return (header ?? '')
    .slice(0, 200)
    .split(',')
    .map((entry) => entry.split(';')[0].trim())
    .filter(Boolean)
}

/** The JSON body of an error, its message in the first supported language of `acceptLanguage` (French otherwise). */
export async function rawErrorBody(code: string, acceptLanguage: string | undefined) {
  // Imported on use: config/app.ts loads this file before the app has booted the i18n service.
  const { default: i18nManager } = await import('@adonisjs/i18n/services/main')
  const locale =
    i18nManager.getSupportedLocaleFor(languagesOf(acceptLanguage)) ?? i18nManager.defaultLocale
  return JSON.stringify({
    errors: [{ code, message: i18nManager.locale(locale).t(`platform.errors.${code}`) }],
  })
}

/** `onBadUrl` of the HTTP config: a path such as `/api/v1/contacts/%ff` answers 400 `E_BAD_URL`. */
export async function answerBadUrl(request: IncomingMessage, response: ServerResponse) {
  const body = await rawErrorBody('E_BAD_URL', request.headers['accept-language'])
  response.writeHead(400, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
}

/** What Node's parser error codes mean for the caller; any other parse error is a 400. */
const PARSER_ERRORS: Record<string, { status: number; reason: string; code: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'E_HEADERS_TOO_LARGE',
  },
}

/**
 * Answers a request Node's parser refused with a JSON error on the raw socket. The headers were not
 * parsed, so the language is read from whatever part of them arrived.
 */
async function answerClientError(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Duplex
) {
  if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy()
  const known = PARSER_ERRORS[error.code ?? ''] ?? {
    status: 400,
    reason: 'Bad Request',
    code: 'E_BAD_REQUEST',
  }
  const acceptLanguage = /^accept-language:[ \t]*([^\r\n]{0,200})/im.exec(
    error.rawPacket?.toString('latin1') ?? ''
  )?.[1]
  const body = await rawErrorBody(known.code, acceptLanguage)
  if (!socket.writable) return
  socket.end(
    `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  )
}

/** The Node HTTP server of the app (web process and tests alike), answering parser errors as JSON. */
export function createHttpServer(handler: RequestListener) {
  return createServer(handler).on('clientError', answerClientError)
}
