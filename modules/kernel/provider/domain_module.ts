import type { ApplicationService } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DeclaredEvents } from '../events/domain_events.ts'

/**
 * What a domain module's provider may implement. The platform discovers each module from its
 * module.json, constructs its provider with the application and calls these hooks.
 */
export interface DomainModuleProvider {
  /** The events the module publishes (`defineEvents` in its contracts), checked against module.json at boot. */
  readonly events?: DeclaredEvents
  register?(): void
  boot?(): void | Promise<void>
  /** Registers the module's jobs and listeners; its `start/routes.ts` is loaded right after, by the platform. */
  start?(): void | Promise<void>
  ready?(): void | Promise<void>
  shutdown?(): void | Promise<void>
  /** Seeds an organisation's data the first time it enables the module, in the enabling transaction. */
  installForOrganization?(organizationId: string, trx: TransactionClientContract): Promise<void>
  /**
   * Adds the module's demo records, marked as sample data, in the caller's transaction: to the demo
   * organisation (`node ace db:seed`), or to any organisation whose admin asks for sample data.
   */
  seedDemo?(organizationId: string, trx: TransactionClientContract): Promise<void>
  /** Deletes the records `seedDemo` marked as sample data, and nothing else, in the caller's transaction. */
  removeDemo?(organizationId: string, trx: TransactionClientContract): Promise<void>
}

/** The constructor a module's provider file exports by default. */
export type DomainModuleProviderClass = new (app: ApplicationService) => DomainModuleProvider
