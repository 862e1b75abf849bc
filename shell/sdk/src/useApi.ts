import { http } from './config'
import { withQuery, type HttpMethod, type QueryParams } from './http'
import { orgPath } from './api/organizations'
import { usePlatformSession } from './session'
import {
  fillPath,
  type OrganizationPathWith,
  type WireCallArgs,
  type WireMethod,
  type WireOperation,
  type WirePathParams,
  type WireQuery,
  type WireResponse,
} from './wire'

type Call<Method extends WireMethod> = <Path extends OrganizationPathWith<Method>>(
  path: Path,
  ...args: WireCallArgs<WireOperation<Method, Path>>
) => Promise<WireResponse<WireOperation<Method, Path>>>

/** The options of any call, as the implementation reads them (each call's own are checked by its type). */
type CallOptions = {
  path?: Record<string, unknown>
  body?: unknown
  query?: QueryParams
  signal?: AbortSignal
  headers?: Record<string, string>
}

/**
 * Calls of the current organisation's API, typed by the generated OpenAPI types: paths are relative
 * to `/api/v1/orgs/<currentOrgId>` and written as the document writes them (`/contacts/{contactId}`).
 */
export interface OrganizationApi {
  /** Absolute URL of an organisation GET route, for links such as CSV exports. */
  url<Path extends OrganizationPathWith<'get'>>(
    path: Path,
    query?: WireQuery<WireOperation<'get', Path>>,
    ...params: keyof WirePathParams<WireOperation<'get', Path>> extends never
      ? []
      : [WirePathParams<WireOperation<'get', Path>>]
  ): string
  get: Call<'get'>
  post: Call<'post'>
  patch: Call<'patch'>
  put: Call<'put'>
  delete: Call<'delete'>
}

/** The organisation-scoped API for remotes; the organisation is read at each call, so switching is picked up. */
export function useApi(): OrganizationApi {
  const session = usePlatformSession()
  const scoped = (path: string, params: Record<string, unknown> | undefined): string => {
    const orgId = session.currentOrgId
    if (orgId === null)
      throw new Error(
        'useApi() needs a current organisation; the shell selects one before loading modules'
      )
    return orgPath(orgId, fillPath(path, params))
  }
  const call =
    <Method extends WireMethod>(method: Method): Call<Method> =>
    (path, ...[options]) => {
      const { path: params, body, query, signal, headers } = (options ?? {}) as CallOptions
      return http.request(method.toUpperCase() as HttpMethod, scoped(path, params), {
        body,
        query,
        signal,
        headers,
      })
    }
  return {
    url: (path, query, ...[params]) =>
      withQuery(scoped(path, params), query as QueryParams | undefined),
    get: call('get'),
    post: call('post'),
    patch: call('patch'),
    put: call('put'),
    delete: call('delete'),
  }
}
