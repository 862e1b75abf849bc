import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { tenantContext } from './tenant_context.ts'

/**
 * Base for every domain model: rows carry `organization_id`, reads are filtered by the current
 * organisation and creates are stamped with it. Without an organisation context both fail closed.
 * Lucid runs no hook for bulk `update()`/`delete()` nor for `.pojo()` results: such queries are built
 * with `forCurrentOrganization()`, which filters explicitly.
 */
export class TenantModel extends BaseModel {
  @column()
  declare organizationId: string

  static boot() {
    if (Object.hasOwn(this, 'booted') && this.booted) return
    super.boot()
    // Subclasses inherit the hooks registered here; registering them again would run them twice.
    if (this !== TenantModel) return

    const scope = (query: ModelQueryBuilderContract<typeof TenantModel>) => {
      query.where(`${query.model.table}.organization_id`, tenantContext.require())
    }
    this.before('find', scope)
    this.before('fetch', scope)
    this.before('paginate', ([countQuery, query]) => {
      scope(countQuery)
      scope(query)
    })
    this.before('create', (row: TenantModel) => {
      row.organizationId = tenantContext.require()
    })
    this.before('update', (row: TenantModel) => {
      if (row.$dirty.organizationId) row.organizationId = row.$original.organizationId
    })
  }

  /** A query on this model limited to the current organisation, safe for bulk update/delete. */
  static forCurrentOrganization<T extends typeof TenantModel>(this: T) {
    return this.query().where(`${this.table}.organization_id`, tenantContext.require())
  }
}
