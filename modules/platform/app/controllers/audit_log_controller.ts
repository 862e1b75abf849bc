import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import AuditEntry from '../models/audit_entry.ts'
import User from '../models/user.ts'
import { pageValidator } from '../validators/organization.ts'
import { serializeAuditEntry } from '../transformers/audit_entry_transformer.ts'
import { moduleCatalog } from '@ia/kernel/catalog'

/**
 * What an action is called in the reader's language: `audit.<action>` in the language files of the
 * platform or of the module that records it; the action code itself when none names it.
 */
function label(i18n: I18n, path: string) {
  for (const module of moduleCatalog.modules) {
    const key = `${module.id}.audit.${path}`
    if (i18n.hasMessage(key)) return i18n.t(key)
  }
  return null
}

/** What the line is about, by name: a user or a module as they are called now, else what the line recorded. */
function subjectName(entry: AuditEntry, users: Map<string, string>, locale: string) {
  if (entry.subjectType === 'user' && entry.subjectId && users.has(entry.subjectId))
    return users.get(entry.subjectId)!
  if (entry.subjectType === 'module' && entry.subjectId) {
    const module = moduleCatalog.find(entry.subjectId)
    if (module) return locale === 'en' ? module.name.en : module.name.fr
  }
  const recorded = entry.metadata?.name ?? entry.metadata?.fileName ?? entry.metadata?.email
  return typeof recorded === 'string' ? recorded : null
}

/** An organisation's audit log, newest first, for its admins. */
export default class AuditLogController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const { page = 1, perPage = 50 } = await ctx.request.validateUsing(pageValidator, {
      data: ctx.request.qs(),
    })
    const entries = await AuditEntry.query()
      .where('organization_id', ctx.organization.id)
      .preload('actor')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, perPage)
    const userIds = entries
      .all()
      .flatMap((entry) =>
        entry.subjectType === 'user' && entry.subjectId ? [entry.subjectId] : []
      )
    const users = new Map(
      (
        await User.query()
          .whereIn('id', [...new Set(userIds)])
          .select('id', 'full_name')
      ).map((user) => [user.id, user.fullName])
    )
    return {
      data: entries.all().map((entry) =>
        serializeAuditEntry({
          entry,
          label: label(ctx.i18n, entry.action) ?? entry.action,
          subjectLabel: entry.subjectType
            ? (label(ctx.i18n, `subjects.${entry.subjectType}`) ?? entry.subjectType)
            : null,
          subjectName: subjectName(entry, users, ctx.i18n.locale),
        })
      ),
      meta: {
        total: entries.total,
        perPage: entries.perPage,
        currentPage: entries.currentPage,
        lastPage: entries.lastPage,
      },
    }
  }
}
