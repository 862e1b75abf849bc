import { http } from './config'
import { withQuery, type QueryParams, type RequestOptions } from './http'
import { orgPath } from './api/organizations'
import { usePlatformSession } from './session'

/** Calls of the current organisation's API: paths are relative to `/api/v1/orgs/<currentOrgId>`. */
export interface OrganizationApi {
  /** Absolute path of an organisation URL, for links such as CSV exports. */
  url(path: string, query?: QueryParams): string
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>
}

/** The organisation-scoped API for remotes; the organisation is read at each call, so switching is picked up. */
export function useApi(): OrganizationApi {
  const session = usePlatformSession()
  const scoped = (path: string): string => {
    const orgId = session.currentOrgId
    if (orgId === null) throw new Error('useApi() needs a current organisation; the shell selects one before loading modules')
    return orgPath(orgId, path.startsWith('/') ? path : `/${path}`)
  }
  return {
    url: (path, query) => withQuery(scoped(path), query),
    get: (path, options) => http.get(scoped(path), options),
    post: (path, body, options) => http.post(scoped(path), body, options),
    patch: (path, body, options) => http.patch(scoped(path), body, options),
    put: (path, body, options) => http.put(scoped(path), body, options),
    delete: (path, options) => http.delete(scoped(path), options),
  }
}
