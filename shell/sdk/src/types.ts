/*
 * The SDK's names for the wire shapes, every one read from the generated OpenAPI types (the backend's
 * serializers, validators and route descriptions): nothing here is written by hand, so a renamed field
 * fails the shell's and the remotes' typecheck.
 */
import type { operations as ApiOperations } from './generated/openapi'
import type { Schemas, WireBody, WireResponse } from './wire'

/** Identifier of a backend record (a uuid, or a token's number as a string). */
export type Id = Schemas['User']['id']

/** A language the product speaks. */
export type Locale = Schemas['User']['locale']

/** Text given in every product language. */
export type LocalizedText = Schemas['Module']['name']

/** A member's role in an organisation. */
export type Role = Schemas['Member']['role']

/** ISO 4217 code of a currency an organisation may keep its books in. */
export type CurrencyCode = Schemas['Organization']['defaultCurrency']

/** The signed-in person. */
export type User = Schemas['User']

/** A personal access token of the signed-in user, as listed (never with its secret). */
export type AccessToken = Schemas['AccessToken']

/** A token just created: `value` is its secret, returned this once only (`Authorization: Bearer <value>`). */
export type NewAccessToken = Schemas['NewAccessToken']

/** An organisation as listed for its members, with the caller's role. */
export type OrganizationSummary = Schemas['OrganizationMembership']

/** A tenant: the business whose data a member works on. */
export type Organization = Schemas['Organization']

/** Fields an admin may change on an organisation. */
export type OrganizationUpdate = WireBody<ApiOperations['updateOrganization']>

/** A person's membership of an organisation. */
export type Member = Schemas['Member']

/** A pending invitation to join an organisation. */
export type Invitation = Schemas['Invitation']

/** What an invitation link shows before it is accepted. */
export type InvitationPreview = Schemas['InvitationPreview']

/** One entry of an organisation's audit log. */
export type AuditLogEntry = Schemas['AuditEntry']

/** Pagination facts returned beside a page of data. */
export type PaginationMeta = Schemas['PaginationMeta']

/** One page of a paginated list. */
export interface Paginated<T> {
  data: T[]
  meta: PaginationMeta
}

/** An OAuth/OIDC provider offered on the sign-in screen. */
export type AuthProvider = WireResponse<ApiOperations['listSignInProviders']>['providers'][number]

/** A module of the catalogue, with its state in the current organisation. */
export type ModuleCatalogueEntry = Schemas['Module']

/** The modules enabled for the current organisation. */
export type ShellManifest = Schemas['ShellManifest']

/** An enabled module as the shell needs it. */
export type ShellManifestModule = ShellManifest['modules'][number]

/** A navigation link a module adds to the shell. */
export type NavigationItem = ShellManifestModule['navigation'][number]

/** Where a module's remote is served from and the hashes its files must match. */
export type RemoteDescriptor = ShellManifestModule['remote']

/** A module's remote loaded for its public page, at `/public/<module>/<token>`. */
export type PublicRemote = Schemas['PublicRemote']

/** The props the shell gives a remote's `./PublicPage`: the token of the link that was opened. */
export interface PublicPageProps {
  token: string
}

/** One record found by the global search (`GET /orgs/:orgId/search`). */
export type SearchResult = Schemas['SearchResult']

/** Something the platform told the signed-in user (the shell's bell). */
export type PlatformNotification = Schemas['Notification']

/** How a notification is shown. */
export type NotificationLevel = PlatformNotification['level']

/** A page of notifications, with the count of all unread ones. */
export type NotificationPage = WireResponse<ApiOperations['listNotifications']>

/** What arrives on the live channel `users/<userId>/notifications`. */
export type NotificationMessage = Schemas['NotificationMessage']

/** A job's progress as pushed on `users/<userId>/jobs` and `orgs/<orgId>/jobs`. */
export type JobProgress = Schemas['JobProgress']

/** Where a background job stands. */
export type JobStatus = JobProgress['status']
