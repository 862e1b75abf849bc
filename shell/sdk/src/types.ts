/** Identifier of a backend record. */
export type Id = string | number

/** A language the product speaks. */
export type Locale = 'fr' | 'en'

/** Text given in every product language. */
export type LocalizedText = Record<Locale, string>

/** A member's role in an organisation. */
export type Role = 'owner' | 'admin' | 'member'

/** ISO 4217 code of a currency. */
export type CurrencyCode = string

/** The signed-in person. */
export interface User {
  id: Id
  email: string
  fullName: string
  locale: Locale
  emailVerified: boolean
  createdAt: string
}

/** A personal access token of the signed-in user, as listed (never with its secret). */
export interface AccessToken {
  id: string
  name: string | null
  lastUsedAt: string | null
  /** Null when the token never expires. */
  expiresAt: string | null
  createdAt: string
}

/** A token just created: `value` is its secret, returned this once only (`Authorization: Bearer <value>`). */
export interface NewAccessToken {
  id: string
  name: string | null
  value: string
}

/** An organisation as listed for its members, with the caller's role. */
export interface OrganizationSummary {
  id: Id
  name: string
  role: Role
}

/** A tenant: the business whose data a member works on. */
export interface Organization {
  id: Id
  name: string
  legalName: string | null
  rccm: string | null
  idNat: string | null
  nif: string | null
  address: string | null
  city: string | null
  country: string | null
  phone: string | null
  email: string | null
  defaultCurrency: CurrencyCode
  reportingCurrency: CurrencyCode | null
  locale: Locale
  /** IANA time zone its dates are shown and exported in, e.g. Africa/Kinshasa. */
  timeZone: string
  logoUrl: string | null
  createdAt: string
}

/** Fields an admin may change on an organisation. */
export type OrganizationUpdate = Partial<
  Pick<
    Organization,
    | 'name' | 'legalName' | 'rccm' | 'idNat' | 'nif' | 'address' | 'city' | 'country'
    | 'phone' | 'email' | 'defaultCurrency' | 'reportingCurrency' | 'locale' | 'timeZone'
  >
>

/** A person's membership of an organisation. */
export interface Member {
  id: Id
  userId: Id
  fullName: string
  email: string
  role: Role
  joinedAt: string
}

/** A pending invitation to join an organisation. */
export interface Invitation {
  id: Id
  email: string
  role: Exclude<Role, 'owner'>
  expiresAt: string
  createdAt: string
  /** When the link was last sent again; null if only sent once. */
  lastSentAt: string | null
}

/** What an invitation link shows before it is accepted. */
export interface InvitationPreview {
  organizationName: string
  email: string
  role: Exclude<Role, 'owner'>
  expiresAt: string
}

/** One entry of an organisation's audit log. */
export interface AuditLogEntry {
  id: Id
  action: string
  /** The action in the reader's language. */
  label: string
  actor: { id: Id; fullName: string } | null
  subjectType: string | null
  subjectId: Id | null
  /** The subject's type in the reader's language. */
  subjectLabel: string | null
  /** The subject by name, when known. */
  subjectName: string | null
  metadata: Record<string, unknown> | null
  ip: string | null
  createdAt: string
}

/** Pagination facts returned beside a page of data. */
export interface PaginationMeta {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}

/** One page of a paginated list. */
export interface Paginated<T> {
  data: T[]
  meta: PaginationMeta
}

/** An OAuth/OIDC provider offered on the sign-in screen. */
export interface AuthProvider {
  id: string
  name: string
}

/** A module of the catalogue, with its state in the current organisation. */
export interface ModuleCatalogueEntry {
  id: string
  version: string
  name: LocalizedText
  description: LocalizedText
  category: string
  depends: string[]
  enabled: boolean
  enabledAt: string | null
  /** Where the module's pages live in the shell (`/contacts`); null when it has none. */
  routeBase: string | null
  blockedBy?: unknown
}

/** A navigation link a module adds to the shell. */
export interface NavigationItem {
  path: string
  label: LocalizedText
  icon?: string
  permission?: string
}

/** Where a module's remote is served from and the hashes its files must match. */
export interface RemoteDescriptor {
  name: string
  entry: string
  /** URL path -> `sha384-<base64>` for every file the remote may load. */
  integrity: Record<string, string>
}

/** An enabled module as the shell needs it. */
export interface ShellManifestModule {
  id: string
  version: string
  name: LocalizedText
  remote: RemoteDescriptor
  routeBase: string
  navigation: NavigationItem[]
}

/** The modules enabled for the current organisation. */
export interface ShellManifest {
  modules: ShellManifestModule[]
}

/** One record found by the global search (`GET /orgs/:orgId/search`). */
export interface SearchResult {
  /** `<module>.<record>`, e.g. `contacts.contact`. */
  type: string
  moduleId: string
  id: string
  title: string
  subtitle: string | null
  /** The shell route that opens the record. */
  url: string
}

/** How a notification is shown. */
export type NotificationLevel = 'info' | 'success' | 'warning' | 'error'

/** Something the platform told the signed-in user (the shell's bell). */
export interface PlatformNotification {
  id: string
  organizationId: string | null
  title: LocalizedText
  body: LocalizedText
  /** A path of the shell to open, or null. */
  link: string | null
  level: NotificationLevel
  readAt: string | null
  createdAt: string
}

/** A page of notifications, with the count of all unread ones. */
export interface NotificationPage {
  data: PlatformNotification[]
  meta: PaginationMeta & { unread: number }
}

/** What arrives on the live channel `users/<userId>/notifications`. */
export type NotificationMessage =
  | { type: 'created'; notification: PlatformNotification; unread: number }
  | { type: 'read'; ids: string[]; unread: number }

/** Where a background job stands. */
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed'

/** A job's progress as pushed on `users/<userId>/jobs` and `orgs/<orgId>/jobs`. */
export interface JobProgress {
  jobId: string
  organizationId: string | null
  /** `<module>.<job>`, e.g. `contacts.import`. */
  name: string
  label: LocalizedText | null
  status: JobStatus
  /** 0 to 100. */
  percent: number
  message: LocalizedText | null
}
