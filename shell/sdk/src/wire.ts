/*
 * Types of the organisation API, read from the generated OpenAPI types (./generated/openapi.ts): a
 * call names a path as the document writes it (`/contacts/{contactId}`), and its path parameters,
 * body and answer are checked against the backend's routes, validators and serializers.
 */
import type { components, paths } from './generated/openapi'

/** Every schema the API declares (response shapes first of all), by name: `Schemas['Contact']`. */
export type Schemas = components['schemas']

/** The prefix every organisation route shares; the SDK fills `orgId` with the current organisation. */
type OrgPrefix = '/api/v1/orgs/{orgId}'

/** The organisation routes, keyed by their path below the prefix. */
export type OrganizationPaths = {
  [
    Path in keyof paths as Path extends `${OrgPrefix}/${infer Rest}` ? `/${Rest}` : never
  ]: paths[Path]
}

/** An HTTP verb, as the generated types spell it. */
export type WireMethod = 'get' | 'post' | 'patch' | 'put' | 'delete'

/** The organisation paths that answer `Method`. */
export type OrganizationPathWith<Method extends WireMethod> = {
  [Path in keyof OrganizationPaths]: OrganizationPaths[Path][Method] extends undefined
    ? never
    : Path
}[keyof OrganizationPaths]

/** The operation behind a verb and path. */
export type WireOperation<
  Method extends WireMethod,
  Path extends OrganizationPathWith<Method>,
> = NonNullable<OrganizationPaths[Path][Method]>

type SuccessStatus = 200 | 201 | 202 | 204

/** The JSON body of the operation's success answer (undefined when it has none). */
export type WireResponse<Operation> = Operation extends { responses: infer Responses }
  ? {
      [Status in keyof Responses & SuccessStatus]: Responses[Status] extends {
        content: { 'application/json': infer Body }
      }
        ? Body
        : undefined
    }[keyof Responses & SuccessStatus]
  : never

/** The body the operation takes: its JSON, FormData for uploads, undefined when it takes none. */
export type WireBody<Operation> = Operation extends {
  requestBody: { content: { 'application/json': infer Body } }
}
  ? Body
  : Operation extends { requestBody: { content: { 'multipart/form-data': unknown } } }
    ? FormData
    : undefined

/** The path parameters of the operation other than the organisation. */
export type WirePathParams<Operation> = Operation extends { parameters: { path: infer Params } }
  ? Omit<Params, 'orgId'>
  : Record<never, never>

type PathOption<Operation> = keyof WirePathParams<Operation> extends never
  ? { path?: undefined }
  : { path: WirePathParams<Operation> }
type BodyOption<Operation> =
  WireBody<Operation> extends undefined ? { body?: undefined } : { body: WireBody<Operation> }

/** The query string the operation reads (never when it reads none). */
export type WireQuery<Operation> = Operation extends { parameters: { query?: infer Query } }
  ? Query
  : never

/** Options of one typed call: path parameters and body when the operation has them, query, signal, extra headers (an `Idempotency-Key`). */
export type WireCallOptions<Operation> = PathOption<Operation> &
  BodyOption<Operation> & {
    query?: WireQuery<Operation>
    signal?: AbortSignal
    headers?: Record<string, string>
  }

/** The options argument, required exactly when the operation has path parameters or a body. */
export type WireCallArgs<Operation> =
  {} extends WireCallOptions<Operation>
    ? [options?: WireCallOptions<Operation>]
    : [options: WireCallOptions<Operation>]

/** `/contacts/{contactId}` with its parameters put in, each URI-encoded. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null)
      throw new Error(`Missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
}
