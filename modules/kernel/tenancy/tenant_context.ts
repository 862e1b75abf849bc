import { AsyncLocalStorage } from 'node:async_hooks'
import { Exception } from '@adonisjs/core/exceptions'

/** The organisation a piece of work runs for. */
export type TenantScope = { organizationId: string }

const storage = new AsyncLocalStorage<TenantScope>()

/** Holds the current organisation for the duration of a request or a job. */
export const tenantContext = {
  /** Runs `work` with `organizationId` as the current organisation. */
  run<T>(organizationId: string, work: () => T): T {
    return storage.run({ organizationId }, work)
  },

  /** The current organisation id, or undefined outside any organisation. */
  current(): string | undefined {
    return storage.getStore()?.organizationId
  },

  /** The current organisation id; throws when none is set, so tenant data never leaks by omission. */
  require(): string {
    const organizationId = storage.getStore()?.organizationId
    if (!organizationId) {
      throw new Exception('Tenant data accessed outside an organisation context', {
        code: 'E_NO_TENANT_CONTEXT',
        status: 500,
      })
    }
    return organizationId
  },
}
