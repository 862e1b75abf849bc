import { http } from '../config'
import { withQuery } from '../http'
import { usePlatformSession } from '../session'
import type { SearchResult } from '../types'
import { orgPath } from './organizations'

/** Narrows a search: some record types (`contacts.contact`), at most `limit` results (1-50), cancellable. */
export interface SearchOptions {
  types?: string[]
  limit?: number
  signal?: AbortSignal
}

/** Searches the current organisation's records across its enabled modules, best matches first. */
export function searchOrganization(
  q: string,
  options: SearchOptions = {}
): Promise<{ data: SearchResult[] }> {
  const orgId = usePlatformSession().currentOrgId
  if (orgId === null) throw new Error('searchOrganization() needs a current organisation')
  const query = { q, limit: options.limit, types: options.types?.join(',') }
  return http.get(withQuery(orgPath(orgId, '/search'), query), { signal: options.signal })
}
