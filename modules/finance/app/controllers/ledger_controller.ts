import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  auditLog,
  authorize,
  isUuid,
  notFound,
  tenantContext,
  type AuditRecord,
} from '@ia/kernel/contracts'
import { financeErrors } from '../errors.ts'
import { ledgerPosting, ledgerSettings } from '../services/ledger_posting.ts'
import { loadEntries } from '../queries/entries.ts'
import {
  serializeAccount,
  serializeEntry,
  serializeFiscalYear,
  serializeJournal,
  serializeLedgerSettings,
  type AccountRow,
} from '../transformers/ledger_transformer.ts'
import {
  createAccountValidator,
  listAccountsValidator,
  listEntriesValidator,
  postEntryValidator,
  reverseEntryValidator,
  updateSettingsValidator,
} from '../validators/ledger.ts'

const isoDate = (date: Date) => DateTime.fromJSDate(date).toISODate()!

/** Writes the audit line of a change by the requesting user, in the change's transaction. */
function recordAudit(
  ctx: HttpContext,
  trx: TransactionClientContract,
  record: Omit<AuditRecord, 'actorId' | 'ip'>
) {
  return auditLog.record({ ...record, actorId: ctx.auth.user!.id, ip: ctx.request.ip() }, trx)
}

const today = () => DateTime.now().toISODate()!

function accountsQuery(organizationId: string) {
  return db
    .from('finance.accounts as a')
    .leftJoin('finance.accounts as p', 'p.id', 'a.parent_id')
    .where('a.organization_id', organizationId)
    .select('a.*', 'p.code as parent_code')
}

async function settingsRow(organizationId: string) {
  return db
    .from('finance.settings')
    .where('organization_id', organizationId)
    .select(
      'book_currency',
      'reporting_currency',
      'sales_account',
      db.raw("to_char(lock_date, 'YYYY-MM-DD') as lock_date")
    )
    .first()
}

/** The chart of accounts, journals, entries, fiscal years and ledger settings. */
export default class LedgerController {
  async accounts(ctx: HttpContext) {
    await authorize(ctx, 'finance.ledger.read')
    const filters = await ctx.request.validateUsing(listAccountsValidator, {
      data: ctx.request.qs(),
    })
    const query = accountsQuery(tenantContext.require()).orderBy('a.code')
    if (filters.class) query.where('a.class', filters.class)
    if (!filters.archived) query.whereNull('a.archived_at')
    if (filters.search) {
      const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      query.where((q) =>
        q
          .whereILike('a.code', `${filters.search}%`)
          .orWhereILike('a.name_fr', pattern)
          .orWhereILike('a.name_en', pattern)
      )
    }
    return { data: (await query).map((row: AccountRow) => serializeAccount(row)) }
  }

  /** Adds a sub-account: its number extends its parent's, it keeps the parent's type. */
  async createAccount(ctx: HttpContext) {
    await authorize(ctx, 'finance.account.manage')
    const input = await ctx.request.validateUsing(createAccountValidator)
    const organizationId = tenantContext.require()
    const account = await db.transaction(async (trx) => {
      await ledgerSettings(organizationId, trx)
      const parent = await trx
        .from('finance.accounts')
        .where({ organization_id: organizationId, code: input.parentCode })
        .first()
      if (!parent) throw financeErrors.accountUnknown('parentCode', input.parentCode)
      if (!input.code.startsWith(parent.code) || input.code.length <= parent.code.length)
        throw financeErrors.subAccountCode(parent.code)
      const taken = await trx
        .from('finance.accounts')
        .where({ organization_id: organizationId, code: input.code })
        .first()
      if (taken) throw financeErrors.accountCodeTaken(input.code)
      const [created] = await trx
        .insertQuery()
        .table('finance.accounts')
        .insert({
          organization_id: organizationId,
          code: input.code,
          class: Number(input.code[0]),
          name_fr: input.nameFr,
          name_en: input.nameEn,
          account_type: parent.account_type,
          parent_id: parent.id,
          reconcile: parent.reconcile,
          origin: 'organization',
        })
        .returning('*')
      await recordAudit(ctx, trx, {
        organizationId,
        action: 'finance.account.created',
        subjectType: 'finance.account',
        subjectId: created.id,
        metadata: { code: input.code },
      })
      return { ...created, parent_code: parent.code }
    })
    return ctx.response.created({ account: serializeAccount(account) })
  }

  async journals(ctx: HttpContext) {
    await authorize(ctx, 'finance.ledger.read')
    const rows = await db
      .from('finance.journals')
      .where('organization_id', tenantContext.require())
      .orderBy('code')
    return { data: rows.map(serializeJournal) }
  }

  /** Entries newest first, by date then number; `before` is the previous page's `nextCursor`. */
  async entries(ctx: HttpContext) {
    await authorize(ctx, 'finance.ledger.read')
    const filters = await ctx.request.validateUsing(listEntriesValidator, {
      data: ctx.request.qs(),
    })
    const organizationId = tenantContext.require()
    const limit = filters.limit ?? 50
    const query = db
      .from('finance.entries as e')
      .where('e.organization_id', organizationId)
      .orderBy('e.entry_date', 'desc')
      .orderBy('e.number', 'desc')
      .limit(limit + 1)
      .select('e.id', db.raw("to_char(e.entry_date, 'YYYY-MM-DD') as day"), 'e.number')
    if (filters.from) query.where('e.entry_date', '>=', isoDate(filters.from))
    if (filters.to) query.where('e.entry_date', '<=', isoDate(filters.to))
    if (filters.sourceType) query.where('e.source_type', filters.sourceType)
    if (filters.sourceId) query.where('e.source_id', filters.sourceId)
    if (filters.journal)
      query.whereIn(
        'e.journal_id',
        db
          .from('finance.journals')
          .where({ organization_id: organizationId, code: filters.journal })
          .select('id')
      )
    if (filters.account)
      query.whereExists(
        db
          .from('finance.entry_lines as l')
          .join('finance.accounts as a', 'a.id', 'l.account_id')
          .whereColumn('l.entry_id', 'e.id')
          .where('l.organization_id', organizationId)
          .whereLike('a.code', `${filters.account}%`)
      )
    if (filters.before) {
      const [day, number] = filters.before.split('|')
      if (!day || !number || !DateTime.fromISO(day).isValid)
        throw financeErrors.invalidDate('before')
      query.whereRaw('(e.entry_date, e.number) < (?::date, ?)', [day, number])
    }
    const rows = await query
    const page = rows.slice(0, limit)
    const entries = await loadEntries(
      db.connection(),
      organizationId,
      page.map((row) => row.id)
    )
    const last = page.at(-1)
    return {
      data: entries.map(serializeEntry),
      meta: { nextCursor: rows.length > limit && last ? `${last.day}|${last.number}` : null },
    }
  }

  async entry(ctx: HttpContext) {
    await authorize(ctx, 'finance.ledger.read')
    const id = ctx.params.entryId
    if (!isUuid(id)) throw notFound()
    const [entry] = await loadEntries(db.connection(), tenantContext.require(), [id])
    if (!entry) throw notFound()
    return { entry: serializeEntry(entry) }
  }

  /** Posts an entry by hand (journal OD and the others), balanced in the book currency. */
  async postEntry(ctx: HttpContext) {
    await authorize(ctx, 'finance.entry.create')
    const input = await ctx.request.validateUsing(postEntryValidator)
    const organizationId = tenantContext.require()
    const entry = await db.transaction(async (trx) => {
      const posted = await ledgerPosting.post(trx, organizationId, {
        journal: input.journal,
        date: isoDate(input.date),
        description: input.description,
        currency: input.currency,
        source: null,
        createdBy: ctx.auth.user!.id,
        lines: input.lines.map((line) => ({
          account: line.account,
          debit: line.debit,
          credit: line.credit,
          currency: line.currency,
          description: line.description ?? null,
          partnerId: line.partnerId ?? null,
        })),
      })
      await recordAudit(ctx, trx, {
        organizationId,
        action: 'finance.entry.posted',
        subjectType: 'finance.entry',
        subjectId: posted.id,
        metadata: { number: posted.number },
      })
      return posted
    })
    return ctx.response.created({ entry: serializeEntry(entry) })
  }

  /** Posts the reversal of an entry: the only way to correct a posted entry. */
  async reverseEntry(ctx: HttpContext) {
    await authorize(ctx, 'finance.entry.reverse')
    const input = await ctx.request.validateUsing(reverseEntryValidator)
    const organizationId = tenantContext.require()
    const entry = await db.transaction(async (trx) => {
      const reversal = await ledgerPosting.reverse(trx, organizationId, ctx.params.entryId, {
        date: input.date ? isoDate(input.date) : today(),
        description: input.description,
        createdBy: ctx.auth.user!.id,
      })
      await recordAudit(ctx, trx, {
        organizationId,
        action: 'finance.entry.reversed',
        subjectType: 'finance.entry',
        subjectId: ctx.params.entryId,
        metadata: { reversal: reversal.number },
      })
      return reversal
    })
    return ctx.response.created({ entry: serializeEntry(entry) })
  }

  async settings(ctx: HttpContext) {
    await authorize(ctx, 'finance.ledger.read')
    const row = await settingsRow(tenantContext.require())
    if (!row) throw financeErrors.ledgerMissing()
    return { settings: serializeLedgerSettings(row) }
  }

  /** Moves the lock date forward (never back) or changes the sales account. */
  async updateSettings(ctx: HttpContext) {
    await authorize(ctx, 'finance.settings.manage')
    const input = await ctx.request.validateUsing(updateSettingsValidator)
    const organizationId = tenantContext.require()
    await db.transaction(async (trx) => {
      const current = await ledgerSettings(organizationId, trx)
      const changes: Record<string, unknown> = { updated_at: new Date() }
      if (input.lockDate) {
        const lockDate = isoDate(input.lockDate)
        if (current.lockDate && lockDate < current.lockDate)
          throw financeErrors.lockDateBackwards(current.lockDate)
        changes.lock_date = lockDate
      }
      if (input.salesAccount) {
        const account = await trx
          .from('finance.accounts')
          .where({ organization_id: organizationId, code: input.salesAccount, class: 7 })
          .whereNull('archived_at')
          .first()
        if (!account) throw financeErrors.accountUnknown('salesAccount', input.salesAccount)
        changes.sales_account = input.salesAccount
      }
      await trx.from('finance.settings').where('organization_id', organizationId).update(changes)
      await recordAudit(ctx, trx, {
        organizationId,
        action: 'finance.settings.updated',
        subjectType: 'finance.settings',
        subjectId: organizationId,
        metadata: {
          lockDate: changes.lock_date ?? null,
          salesAccount: changes.sales_account ?? null,
        },
      })
    })
    return { settings: serializeLedgerSettings((await settingsRow(organizationId))!) }
  }

  async fiscalYears(ctx: HttpContext) {
    await authorize(ctx, 'finance.ledger.read')
    const rows = await db
      .from('finance.fiscal_years')
      .where('organization_id', tenantContext.require())
      .orderBy('year', 'desc')
      .select(
        'year',
        'closed_at',
        db.raw("to_char(starts_on, 'YYYY-MM-DD') as starts_on"),
        db.raw("to_char(ends_on, 'YYYY-MM-DD') as ends_on")
      )
    return { data: rows.map(serializeFiscalYear) }
  }

  /** Closes a fiscal year: the lock date moves to its last day, so nothing is posted into it again. */
  async closeFiscalYear(ctx: HttpContext) {
    await authorize(ctx, 'finance.settings.manage')
    const year = Number(ctx.params.year)
    const organizationId = tenantContext.require()
    const row = await db.transaction(async (trx) => {
      const current = await ledgerSettings(organizationId, trx)
      const fiscalYear = await trx
        .from('finance.fiscal_years')
        .where({ organization_id: organizationId, year })
        .forUpdate()
        .first()
      if (!fiscalYear) throw notFound()
      const endsOn = `${year}-12-31`
      await trx
        .from('finance.fiscal_years')
        .where({ organization_id: organizationId, year })
        .whereNull('closed_at')
        .update({ closed_at: new Date(), closed_by: ctx.auth.user!.id })
      if (!current.lockDate || current.lockDate < endsOn)
        await trx
          .from('finance.settings')
          .where('organization_id', organizationId)
          .update({ lock_date: endsOn, updated_at: new Date() })
      await recordAudit(ctx, trx, {
        organizationId,
        action: 'finance.fiscal_year.closed',
        subjectType: 'finance.fiscal_year',
        subjectId: String(year),
        metadata: { year },
      })
      return trx
        .from('finance.fiscal_years')
        .where({ organization_id: organizationId, year })
        .select(
          'year',
          'closed_at',
          trx.raw("to_char(starts_on, 'YYYY-MM-DD') as starts_on"),
          trx.raw("to_char(ends_on, 'YYYY-MM-DD') as ends_on")
        )
        .first()
    })
    return { fiscalYear: serializeFiscalYear(row) }
  }
}
