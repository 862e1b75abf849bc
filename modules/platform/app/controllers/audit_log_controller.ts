import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import AuditEntry from '../models/audit_entry.ts'
import { pageValidator } from '../validators/organization.ts'
import { moduleCatalog } from '../../kernel/module_catalog.ts'

/**
 * What an action is called in the reader's language: `audit.<action>` in the language files of the
 * platform or of the module that records it; the action code itself when none names it.
 */
function actionLabel(i18n: I18n, action: string) {
  for (const module of moduleCatalog.modules) {
    const key = `${module.id}.audit.${action}`
    if (i18n.hasMessage(key)) return i18n.t(key)
  }
  return action
}

/** An organisation's audit log, newest first, for its admins. */
export default class AuditLogController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const { page = 1, perPage = 50 } = await ctx.request.validateUsing(pageValidator, { data: ctx.request.qs() })
    const entries = await AuditEntry.query()
      .where('organization_id', ctx.organization.id)
      .preload('actor')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, perPage)
    return {
      data: entries.all().map((entry) => ({
        id: entry.id,
        action: entry.action,
        label: actionLabel(ctx.i18n, entry.action),
        actor: entry.actor ? { id: entry.actor.id, fullName: entry.actor.fullName } : null,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        metadata: entry.metadata,
        ip: entry.ip,
        createdAt: entry.createdAt.toISO(),
      })),
      meta: { total: entries.total, perPage: entries.perPage, currentPage: entries.currentPage, lastPage: entries.lastPage },
    }
  }
}
