/*
 * The kernel's ports as AdonisJS services: the platform binds an implementation of each under a
 * `kernel.*` key in its provider's register(); they are resolved once the application has booted,
 * the way `@adonisjs/core/services/*` resolve theirs. A test swaps one with `app.container.swap()`
 * before the application boots.
 */
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { JobQueue } from '../ports/jobs.ts'
import type { EventBus } from '../ports/events.ts'
import type { FileStore } from '../ports/files.ts'
import type { Mailer } from '../ports/mail.ts'
import type { AuditLog } from '../ports/audit.ts'
import type { Notifier } from '../ports/notifications.ts'
import type { SearchIndex } from '../ports/search.ts'
import type { JsonSchema, OpenApiRegistry, RouteDoc, RouteKey } from '../ports/openapi.ts'
import type { Authorizer, Permission } from '../ports/authorization.ts'
import type { OrganizationRouteGuards } from '../ports/route_guards.ts'
import type { Idempotency, IdempotentAnswer } from '../ports/idempotency.ts'
import type { OrganizationDirectory } from '../ports/organizations.ts'
import type { DocumentRenderer } from '../ports/documents.ts'
import type { VendorModuleSource } from '../ports/vendor_modules.ts'
import type { ScopedTokens } from '../ports/scoped_tokens.ts'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'kernel.jobs': JobQueue
    'kernel.events': EventBus
    'kernel.files': FileStore
    'kernel.mail': Mailer
    'kernel.audit': AuditLog
    'kernel.notifications': Notifier
    'kernel.search': SearchIndex
    'kernel.openapi': OpenApiRegistry
    'kernel.authorizer': Authorizer
    'kernel.routeGuards': OrganizationRouteGuards
    'kernel.idempotency': Idempotency
    'kernel.organizations': OrganizationDirectory
    'kernel.documents': DocumentRenderer
    'kernel.scopedTokens': ScopedTokens
    /** Bound by the marketplace when it is installed; the platform checks `hasBinding` first. */
    'kernel.vendorModules': VendorModuleSource
  }
}

let jobs!: JobQueue
let events!: EventBus
let files!: FileStore
let mails!: Mailer
let auditLog!: AuditLog
let notifications!: Notifier
let search!: SearchIndex
let openapi!: OpenApiRegistry
let authorizer!: Authorizer
let routeGuards!: OrganizationRouteGuards
let idempotency!: Idempotency
let organizations!: OrganizationDirectory
let documents!: DocumentRenderer
let scopedTokens!: ScopedTokens
// Response shapes are declared where their serializers are, which modules may import before the app boots.
const schemasBeforeBoot: Array<Record<string, JsonSchema>> = []

await app.booted(async () => {
  ;[
    jobs,
    events,
    files,
    mails,
    auditLog,
    notifications,
    search,
    openapi,
    authorizer,
    routeGuards,
    idempotency,
    organizations,
    documents,
    scopedTokens,
  ] = await Promise.all([
    app.container.make('kernel.jobs'),
    app.container.make('kernel.events'),
    app.container.make('kernel.files'),
    app.container.make('kernel.mail'),
    app.container.make('kernel.audit'),
    app.container.make('kernel.notifications'),
    app.container.make('kernel.search'),
    app.container.make('kernel.openapi'),
    app.container.make('kernel.authorizer'),
    app.container.make('kernel.routeGuards'),
    app.container.make('kernel.idempotency'),
    app.container.make('kernel.organizations'),
    app.container.make('kernel.documents'),
    app.container.make('kernel.scopedTokens'),
  ])
  for (const schemas of schemasBeforeBoot.splice(0)) openapi.defineSchemas(schemas)
})

/** Documents one API route. Each module does it in its `start/openapi.ts`, loaded by its provider. */
export function describeRoute(route: RouteKey, doc: RouteDoc) {
  openapi.describeRoute(route, doc)
}

/** Adds named response schemas (one per resource) to the API reference's components. */
export function defineSchemas(schemas: Record<string, JsonSchema>) {
  if (openapi) openapi.defineSchemas(schemas)
  else schemasBeforeBoot.push(schemas)
}

/** Fails with 403 unless the current member's role grants `permission` (`<module>.<resource>.<action>`). */
export function authorize(ctx: HttpContext, permission: Permission) {
  return authorizer.authorize(ctx, permission)
}

/**
 * Answers a write that honours `Idempotency-Key` (see the `Idempotency` port): runs `work` once per key
 * in one transaction, sets the answer's status (and `Idempotent-Replayed: true` on a replay), returns its body.
 */
export async function idempotent(
  ctx: HttpContext,
  work: (trx: TransactionClientContract) => Promise<IdempotentAnswer>
) {
  const answer = await idempotency.run(ctx, work)
  if (answer.replayed) ctx.response.header('Idempotent-Replayed', 'true')
  ctx.response.status(answer.status)
  return answer.body
}

export {
  jobs,
  events,
  files,
  mails,
  auditLog,
  notifications,
  search,
  routeGuards,
  organizations,
  documents,
  scopedTokens,
}
