import type { HttpContext } from '@adonisjs/core/http'
import { search } from '../services/search/search_service.ts'
import { roleHasPermission } from '../policies/permissions.ts'
import { serializeSearchResult } from '../transformers/search_result_transformer.ts'
import { searchValidator } from '../validators/search.ts'

/** The shell's search box: one organisation's records, from its enabled modules, that the member may read. */
export default class SearchController {
  async index({ request, organization, membership }: HttpContext) {
    const { q, types, limit } = await request.validateUsing(searchValidator, { data: request.qs() })
    const wanted = types ? new Set(types.split(',')) : null
    const readable = search
      .types()
      .filter(
        (definition) =>
          !definition.permission || roleHasPermission(membership.role, definition.permission)
      )
      .filter((definition) => !wanted || wanted.has(definition.type))
      .map((definition) => definition.type)
    const results = await search.query(organization.id, q, { types: readable, limit })
    return { data: results.map(serializeSearchResult) }
  }
}
