import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HttpContext } from '@adonisjs/core/http'
import { buildOpenApiDocument, type BuiltDocument } from '../openapi/document_builder.ts'

// Routes and their descriptions are fixed once the server has started: build the document once.
let built: Promise<BuiltDocument> | undefined

function document() {
  built ??= buildOpenApiDocument()
  return built.then((result) => result.document)
}

/** Scalar's self-contained browser build, served from the application itself (no outside script). */
const SCALAR_SCRIPT = join(
  dirname(fileURLToPath(import.meta.resolve('@scalar/api-reference'))),
  'browser',
  'standalone.js'
)

/** Where the page finds the document and the script; both are routes of this controller. */
const DOCUMENT_URL = '/api/v1/openapi.json'
const SCRIPT_URL = '/api/v1/docs/scalar.js'

/**
 * Scalar's settings for a reader's language. Its fonts live on its CDN and its AI agent is its own
 * service: both are off, so the page reaches nothing but this application.
 */
function scalarConfiguration(locale: string) {
  return JSON.stringify({
    withDefaultFonts: false,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    localization: { locale },
  })
}

/** Scripts and data only from the application; Scalar injects its styles inline and draws icons as data: images. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')

/** The API reference: the OpenAPI document, and Scalar's reading of it as a page. */
export default class ApiReferenceController {
  async document({ response }: HttpContext) {
    response.header('cache-control', 'no-cache')
    return response.json(await document())
  }

  async page({ i18n, response }: HttpContext) {
    const title = i18n.t('platform.apiReference.title')
    response.header('content-type', 'text/html; charset=utf-8')
    response.header('content-security-policy', CONTENT_SECURITY_POLICY)
    response.header('cache-control', 'no-cache')
    // The type keeps the configuration element from running as an (inline) script; Scalar reads its attributes.
    return response.send(`<!doctype html>
<html lang="${escapeAttribute(i18n.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(title)}</title><link rel="icon" href="data:,"></head>
<body><noscript>${escapeAttribute(i18n.t('platform.apiReference.noScript'))} <a href="${DOCUMENT_URL}">${DOCUMENT_URL}</a></noscript>
<script id="api-reference" type="application/json" data-url="${DOCUMENT_URL}" data-configuration="${escapeAttribute(scalarConfiguration(i18n.locale))}"></script>
<script src="${SCRIPT_URL}"></script></body></html>`)
  }

  async script({ response }: HttpContext) {
    response.header('content-type', 'text/javascript; charset=utf-8')
    response.header('cache-control', 'public, max-age=86400')
    response.download(SCALAR_SCRIPT, true)
  }
}
