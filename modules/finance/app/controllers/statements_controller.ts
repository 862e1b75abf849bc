import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, notFound } from '@ia/kernel/contracts'
import {
  cancelStatementImport,
  confirmStatementImport,
  findStatementImport,
  matchStatementLine,
  readForAccount,
  reconciliationView,
  startStatementImport,
  statementLines,
  transactionFromLine,
  unmatchStatementLine,
} from '../services/statement_imports.ts'
import { findTreasuryAccount, requireTreasuryAccount } from '../services/treasury_accounts.ts'
import type { CsvReading, StatementMapping } from '../services/statement_files.ts'
import {
  lineTransactionValidator,
  matchLineValidator,
  unmatchLineValidator,
  statementUploadValidator,
} from '../validators/treasury.ts'
import {
  serializeReconciliationItem,
  serializeStatementImport,
  serializeStatementLine,
} from '../transformers/treasury_transformer.ts'
import { requestParties } from './treasury_http.ts'

const PREVIEW_LINES = 20

/** Statement import (preview, analysis as a job, confirmation) and reconciliation. */
export default class StatementsController {
  async #upload(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(statementUploadValidator)
    const mapping = input.mapping
      ? (Object.fromEntries(
          Object.entries(input.mapping).filter(([, column]) => typeof column === 'number')
        ) as StatementMapping)
      : undefined
    const chosen: Partial<CsvReading> = {
      ...(mapping && Object.keys(mapping).length ? { mapping } : {}),
      ...(input.dateFormat ? { dateFormat: input.dateFormat } : {}),
      ...(input.decimalSeparator ? { decimalSeparator: input.decimalSeparator } : {}),
    }
    return {
      bytes: await readFile(input.file.tmpPath!),
      fileName: input.file.clientName,
      accountId: input.accountId,
      chosen,
    }
  }

  #importView(ctx: HttpContext, row: any) {
    return serializeStatementImport({ row, translate: (key) => ctx.i18n.t(key) })
  }

  /** Reads a file without keeping it: the columns found, how they were read, the first movements and the refused rows. */
  async preview(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.import')
    const upload = await this.#upload(ctx)
    const account = await db.transaction((trx) =>
      requireTreasuryAccount(trx, ctx.organization.id, upload.accountId, 'accountId')
    )
    const reading = readForAccount(upload.bytes, account, upload.chosen)
    return {
      format: reading.format,
      header: reading.header,
      sample: reading.sample,
      reading: reading.reading,
      movementCount: reading.entries.length,
      movements: reading.entries.slice(0, PREVIEW_LINES),
      rowErrors: reading.errors.map((error) => ({
        line: error.line,
        field: error.field,
        message: ctx.i18n.t(`treasury.statementRows.${error.reason}`),
      })),
    }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.import')
    const upload = await this.#upload(ctx)
    const { organizationId, userId } = requestParties(ctx)
    const id = await startStatementImport(organizationId, upload, userId)
    const row = await findStatementImport(db.connection(), organizationId, id)
    return ctx.response.accepted({ import: this.#importView(ctx, row) })
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.import')
    const { organizationId } = requestParties(ctx)
    const row = await findStatementImport(db.connection(), organizationId, ctx.params.statementId)
    const account = await findTreasuryAccount(
      db.connection(),
      organizationId,
      row.treasury_account_id
    )
    const lines = await statementLines(db.connection(), organizationId, row.id)
    return {
      import: this.#importView(ctx, row),
      lines: lines.map((line) =>
        serializeStatementLine({ row: line, currency: account!.currency })
      ),
    }
  }

  async confirm(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.import')
    const { organizationId } = requestParties(ctx)
    await db.transaction((trx) =>
      confirmStatementImport(trx, organizationId, ctx.params.statementId)
    )
    const row = await findStatementImport(db.connection(), organizationId, ctx.params.statementId)
    return { import: this.#importView(ctx, row) }
  }

  async destroy(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.import')
    await cancelStatementImport(ctx.organization.id, ctx.params.statementId)
    return ctx.response.noContent()
  }

  /** The account's unmatched lines with their suggested counterparts. */
  async reconciliation(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.reconcile')
    const { organizationId } = requestParties(ctx)
    const account = await findTreasuryAccount(
      db.connection(),
      organizationId,
      ctx.params.treasuryAccountId
    )
    if (!account) throw notFound()
    const items = await reconciliationView(db.connection(), organizationId, account)
    return {
      data: items.map(({ line, suggestions }) =>
        serializeReconciliationItem({ line, suggestions, currency: account.currency })
      ),
    }
  }

  async match(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.reconcile')
    const { statementLineId, entryId } = await ctx.request.validateUsing(matchLineValidator)
    await db.transaction((trx) =>
      matchStatementLine(trx, ctx.organization.id, statementLineId, entryId)
    )
    return ctx.response.noContent()
  }

  async unmatch(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.reconcile')
    const { statementLineId } = await ctx.request.validateUsing(unmatchLineValidator)
    await db.transaction((trx) => unmatchStatementLine(trx, ctx.organization.id, statementLineId))
    return ctx.response.noContent()
  }

  /** One click: the unmatched line becomes an income or expense, reconciled with it. */
  async createTransaction(ctx: HttpContext) {
    await authorize(ctx, 'finance.statement.reconcile')
    await authorize(ctx, 'finance.transaction.create')
    const input = await ctx.request.validateUsing(lineTransactionValidator)
    const { organizationId, userId } = requestParties(ctx)
    const recorded = await db.transaction((trx) =>
      transactionFromLine(trx, organizationId, input.statementLineId, input, userId)
    )
    return ctx.response.created({ transactionId: recorded.id, entryId: recorded.entryId })
  }
}
