import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BodyParserMiddleware from '@adonisjs/core/bodyparser_middleware'
import { DomainError } from '@ia/kernel/contracts'

/** The encodings the body parser can undo (`identity`: none). */
const CONTENT_ENCODINGS = new Set(['identity', 'gzip', 'deflate', 'br'])

/**
 * How deep a body may nest objects and arrays. No document of the product comes near it, and a megabyte
 * of `[` parses into 500,000 levels that overflow the stack of any recursive code downstream (a 500).
 */
const MAX_DEPTH = 32

/** Whether `value` nests deeper than MAX_DEPTH, walked without recursion. */
function nestsTooDeep(value: unknown) {
  const pending: Array<[unknown, number]> = [[value, 0]]
  while (pending.length) {
    const [current, depth] = pending.pop()!
    if (!current || typeof current !== 'object') continue
    if (depth >= MAX_DEPTH) return true
    for (const entry of Object.values(current)) pending.push([entry, depth + 1])
  }
  return false
}

/**
 * AdonisJS' body parser with the input it cannot read refused as a client error in the platform's shape:
 * a body in a content type no parser takes (415, where the stock parser would silently drop it), an
 * unknown Content-Encoding (415), a body that does not decompress as its Content-Encoding says (400,
 * where zlib's error would otherwise be a 500), malformed JSON (400) and a body nested deeper than
 * MAX_DEPTH (422). Only errors raised while the body is read are translated: whatever happens after it,
 * in the route, keeps its own status.
 */
// Built once per process: the router makes a new instance of this middleware for every request.
let configuredParser:
  Promise<{ parser: BodyParserMiddleware; methods: string[]; types: string[] }> | undefined

/** The configured parser, with the methods and content types it reads. */
function configured() {
  configuredParser ??= app.container.make(BodyParserMiddleware).then((parser) => {
    const config = app.config.get<
      { allowedMethods: string[] } & Record<
        'json' | 'form' | 'multipart' | 'raw',
        { types?: string[] }
      >
    >('bodyparser')
    const types = [config.json, config.form, config.multipart, config.raw].flatMap(
      (section) => section?.types ?? []
    )
    return { parser, methods: config.allowedMethods, types }
  })
  return configuredParser
}

export default class ParseBodyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { parser, methods, types } = await configured()
    const { request } = ctx
    if (
      methods.includes(request.method()) &&
      request.hasBody() &&
      request.header('content-length') !== '0'
    ) {
      const encoding = (request.header('content-encoding') ?? 'identity').trim().toLowerCase()
      if (!CONTENT_ENCODINGS.has(encoding)) {
        throw new DomainError(
          'E_UNSUPPORTED_CONTENT_ENCODING',
          415,
          'platform.errors.E_UNSUPPORTED_CONTENT_ENCODING'
        )
      }
      if (!request.is(types))
        throw new DomainError(
          'E_UNSUPPORTED_MEDIA_TYPE',
          415,
          'platform.errors.E_UNSUPPORTED_MEDIA_TYPE'
        )
    }

    let bodyRead = false
    try {
      return await parser.handle(ctx, () => {
        bodyRead = true
        if (nestsTooDeep(ctx.request.body())) throw tooDeep()
        return next()
      })
    } catch (error) {
      if (bodyRead) throw error
      throw bodyError(error)
    }
  }
}

function tooDeep() {
  return new DomainError('E_NESTING_TOO_DEEP', 422, 'platform.errors.E_NESTING_TOO_DEEP', {
    max: MAX_DEPTH,
  })
}

/** What went wrong while reading a body, as the client's error it is. */
function bodyError(error: unknown) {
  const { code, status, errno } = error as { code?: string; status?: number; errno?: number }
  // zlib's errors (Z_DATA_ERROR, brotli's ERR_*) carry a negative errno; the stream's own fields do not.
  if (typeof errno === 'number' && errno < 0) {
    return new DomainError('E_BAD_CONTENT_ENCODING', 400, 'platform.errors.E_BAD_CONTENT_ENCODING')
  }
  if (error instanceof SyntaxError)
    return new DomainError('E_INVALID_JSON', 400, 'platform.errors.E_INVALID_JSON')
  // The JSON parser's reviver recurses: nesting deep enough to exhaust its stack fails in parsing already.
  if (error instanceof RangeError) return tooDeep()
  // raw-body's "encoding" is the charset of the content type; inflation's 415 is the Content-Encoding.
  if (code === 'E_ENCODING_UNSUPPORTED')
    return new DomainError(
      'E_UNSUPPORTED_MEDIA_TYPE',
      415,
      'platform.errors.E_UNSUPPORTED_MEDIA_TYPE'
    )
  if (status === 415)
    return new DomainError(
      'E_UNSUPPORTED_CONTENT_ENCODING',
      415,
      'platform.errors.E_UNSUPPORTED_CONTENT_ENCODING'
    )
  return error
}
