import type { HttpContext } from '@adonisjs/core/http'
import { buildOpenApiDocument, type BuiltDocument } from '../openapi/document_builder.ts'
import { renderReferencePage, type ReferenceLabels } from '../openapi/html_renderer.ts'

const LABELS: (keyof ReferenceLabels)[] = [
  'documentLink',
  'parameters',
  'requestBody',
  'responses',
  'schemas',
  'example',
  'public',
  'authenticated',
  'permission',
  'module',
  'required',
  'field',
  'type',
  'details',
]

// Routes and their descriptions are fixed once the server has started: build the document once.
let built: Promise<BuiltDocument> | undefined

function document() {
  built ??= buildOpenApiDocument()
  return built.then((result) => result.document)
}

/** The API reference: the OpenAPI document, and the same rendered as a page. */
export default class ApiReferenceController {
  async document({ response }: HttpContext) {
    response.header('cache-control', 'no-cache')
    return response.json(await document())
  }

  async page({ i18n, response }: HttpContext) {
    const labels = Object.fromEntries(LABELS.map((key) => [key, i18n.t(`platform.apiReference.${key}`)])) as ReferenceLabels
    response.header('content-type', 'text/html; charset=utf-8')
    response.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    response.header('cache-control', 'no-cache')
    return response.send(renderReferencePage(await document(), labels, i18n.locale, '/api/v1/openapi.json'))
  }
}
