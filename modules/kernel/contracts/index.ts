/*
 * The kernel's public surface: what every module and the host build on. Services (jobs, events,
 * files, mails, search...) are ports the platform implements and binds in the container at boot.
 */
export type {
  LocalizedText,
  ModuleManifest,
  DiscoveredModule,
  ModuleNavigationItem,
} from '../catalog/module_catalog.ts'
export type { ModuleState, PublicRemote, ShellModule } from '../catalog/shell_manifest.ts'
export { tenantContext, type TenantScope } from '../tenancy/tenant_context.ts'
export { TenantModel } from '../tenancy/tenant_model.ts'
export { DomainError, notFound } from '../http/domain_error.ts'
export { fetchOutside, isPublicAddress, PrivateAddressError } from '../http/outbound.ts'
export { isUuid } from '../http/identifiers.ts'
export { scopeForPermission } from '../http/scopes.ts'
export { MAX_PAGE } from '../http/pagination.ts'
export { organizationRoutes, userRoutes, platformAdminRoutes } from '../http/routes.ts'
export type { DomainModuleProvider, DomainModuleProviderClass } from '../provider/domain_module.ts'
export {
  jobs,
  events,
  files,
  mails,
  auditLog,
  notifications,
  search,
  describeRoute,
  defineSchemas,
  authorize,
  idempotent,
  organizations,
  documents,
  scopedTokens,
} from '../services/ports.ts'
export type { Idempotency, IdempotentAnswer } from '../ports/idempotency.ts'
export type {
  JobQueue,
  JobContext,
  JobHandler,
  JobOptions,
  JobTitle,
  DispatchOptions,
  ScheduleOptions,
  ScheduledJobPayload,
} from '../ports/jobs.ts'
export type { EventBus, EventHandler, EventMeta, PublishOptions } from '../ports/events.ts'
export {
  defineEvents,
  payload,
  eventListMismatches,
  type DomainEvents,
  type DomainEventName,
  type DeclaredEvents,
  type EventPayload,
  type EventPayloads,
  type ModuleEvents,
} from '../events/domain_events.ts'
export type { FileStore, StoredFile, CheckedUpload, UploadRules } from '../ports/files.ts'
export type {
  Mailer,
  MailAttachment,
  MailContent,
  MailRequest,
  MailTemplate,
} from '../ports/mail.ts'
export type { AuditLog, AuditRecord } from '../ports/audit.ts'
export {
  NOTIFICATION_LEVELS,
  type Notifier,
  type NotificationInput,
  type NotificationView,
  type NotificationLevel,
} from '../ports/notifications.ts'
export type {
  SearchIndex,
  SearchType,
  SearchResult,
  SearchOptions,
  SearchDocumentInput,
} from '../ports/search.ts'
export {
  schemaRef,
  listOf,
  pageOf,
  wrapped,
  type OpenApiRegistry,
  type JsonSchema,
  type HttpMethod,
  type RouteKey,
  type RouteDoc,
  type ResponseDoc,
} from '../ports/openapi.ts'
export {
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  wire,
  Type,
  type Serializer,
  type Static,
} from '../http/wire.ts'
export type { DocumentRenderer, DocumentRequest } from '../ports/documents.ts'
export type { AiTool, AiToolContext, AiToolRegistry } from '../ports/ai_tools.ts'
export type { Authorizer, ModulePermissions, Permission } from '../ports/authorization.ts'
export type { OrganizationRouteGuards } from '../ports/route_guards.ts'
export type { OrganizationDirectory, OrganizationProfile } from '../ports/organizations.ts'
export {
  Decimal,
  isoCurrencies,
  isCurrencyCode,
  currencyPrecision,
  currencyName,
  roundMoney,
  formatAmount,
  toMinorUnits,
  fromMinorUnits,
  fitsCurrency,
  computeTotals,
  convertAmount,
  MoneyLineError,
  type DecimalValue,
  type IsoCurrency,
  type MoneyLineInput,
  type MoneyLineTotals,
  type MoneyTaxGroupTotals,
  type MoneyTotals,
} from '../money/money.ts'
export {
  DEFAULT_PHONE_COUNTRY,
  normalizePhoneNumber,
  formatPhoneNumber,
  phoneSearchKeywords,
  phoneSearchText,
} from '../reference/phone_numbers.ts'
export {
  COUNTRY_CODES,
  AMBIGUOUS_COUNTRY_NAMES,
  isCountryCode,
  readCountry,
  type CountryReading,
} from '../reference/countries.ts'
export {
  DR_CONGO_IDENTIFIERS,
  compactIdentifier,
  isDrCongoIdentifier,
  type DrCongoIdentifier,
} from '../reference/dr_congo_identifiers.ts'
export { countryCode, currencyCode, drCongoIdentifier } from '../reference/validation_rules.ts'
export type { VendorModuleSource, ModuleActor } from '../ports/vendor_modules.ts'
export type { ScopedTokens, ScopedGrant, IssuedToken } from '../ports/scoped_tokens.ts'
