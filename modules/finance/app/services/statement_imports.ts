import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  DomainError,
  fitsCurrency,
  files,
  fromMinorUnits,
  isUuid,
  jobs,
  notFound,
  tenantContext,
  toMinorUnits,
  type JobContext,
  type LocalizedText,
} from '@ia/kernel/contracts'
import {
  MAX_STATEMENT_ROWS,
  StatementFileError,
  readStatementFile,
  type CsvReading,
  type StatementReading,
} from './statement_files.ts'
import {
  statementLineFingerprints,
  suggestMatches,
  type MatchCandidate,
} from './statement_matching.ts'
import { requireTreasuryAccount, type TreasuryAccountRow } from './treasury_accounts.ts'
import { recordTransaction } from '../actions/record_transaction.ts'
import { treasuryErrors } from '../treasury_errors.ts'

/** The job that reads an uploaded statement into lines waiting for confirmation. */
export const ANALYSE_STATEMENT_JOB = 'finance.statement.analyse'
export type AnalyseStatementPayload = { importId: string }

/** Lines inserted per statement while a job reads a file. */
const INSERT_CHUNK = 500

function localizedText(key: string, data?: Record<string, unknown>): LocalizedText {
  return { fr: i18nManager.locale('fr').t(key, data), en: i18nManager.locale('en').t(key, data) }
}

/** Reads a statement file for `account`, turning an unreadable file into a 422 on `file` (or the mapping field). */
export function readForAccount(
  bytes: Buffer,
  account: Pick<TreasuryAccountRow, 'currency'>,
  chosen: Partial<CsvReading>
): StatementReading {
  let reading: StatementReading
  try {
    reading = readStatementFile(bytes, chosen)
  } catch (error) {
    if (error instanceof StatementFileError)
      throw treasuryErrors.statementFile(error.reason, error.line)
    throw error
  }
  if (reading.currency && reading.currency !== account.currency)
    throw treasuryErrors.statementCurrency(reading.currency, account.currency)
  if (chosen.mapping && reading.header.length) {
    for (const [field, column] of Object.entries(chosen.mapping))
      if (column !== undefined && column >= reading.header.length)
        throw treasuryErrors.mappingColumn(field)
  }
  return reading
}

/** A movement's amount in minor units of the account's currency, or null when it has too many decimals. */
function minorAmount(amount: string, currency: string) {
  return fitsCurrency(amount.replace(/^-/, ''), currency) ? toMinorUnits(amount, currency) : null
}

/**
 * Starts an import: checks the file reads (a 422 at once for one no job could read), stores it
 * with the platform's file service, records the import and queues its analysis in one transaction.
 */
export async function startStatementImport(
  organizationId: string,
  upload: { bytes: Buffer; fileName: string; accountId: string; chosen: Partial<CsvReading> },
  userId: string
) {
  const id = randomUUID()
  const filePath = `finance/statements/${id}`
  const fileName = upload.fileName.slice(0, 255) || 'statement'
  return db.transaction(async (trx) => {
    const account = await requireTreasuryAccount(trx, organizationId, upload.accountId, 'accountId')
    const reading = readForAccount(upload.bytes, account, upload.chosen)
    await files.put(organizationId, filePath, upload.bytes, {
      contentType: 'application/octet-stream',
      contentLength: upload.bytes.byteLength,
    })
    const jobId = await jobs.dispatch<AnalyseStatementPayload>(
      ANALYSE_STATEMENT_JOB,
      { importId: id },
      {
        client: trx,
        organizationId,
        userId,
        title: { key: 'treasury.statements.jobTitle', params: { file: fileName } },
      }
    )
    await trx
      .insertQuery()
      .table('finance.statement_imports')
      .insert({
        id,
        organization_id: organizationId,
        treasury_account_id: account.id,
        file_name: fileName,
        file_path: filePath,
        format: reading.format,
        status: 'analysing',
        reading: reading.reading ? JSON.stringify(reading.reading) : null,
        job_id: jobId,
        created_by: userId,
      })
    return id
  })
}

/**
 * The analysis job: reads the stored file as the user confirmed its columns, keeps every movement
 * as a preview line (or a duplicate of one already imported on the account), and the refused rows
 * with their reasons. Nothing reaches the books until the user confirms.
 */
export async function analyseStatement({ importId }: AnalyseStatementPayload, context: JobContext) {
  const trx = context.client
  const organizationId = tenantContext.require()
  const statement = await trx
    .from('finance.statement_imports')
    .where({ organization_id: organizationId, id: importId })
    .forUpdate()
    .first()
  if (!statement || statement.status !== 'analysing') return
  const account = await requireTreasuryAccount(
    trx,
    organizationId,
    statement.treasury_account_id,
    'accountId'
  )
  const bytes = await files.get(organizationId, statement.file_path)
  let reading: StatementReading
  try {
    if (!bytes) throw new StatementFileError('empty')
    reading = readForAccount(Buffer.from(bytes), account, statement.reading ?? {})
  } catch (error) {
    if (!(error instanceof DomainError || error instanceof StatementFileError)) throw error
    await trx
      .from('finance.statement_imports')
      .where({ organization_id: organizationId, id: importId })
      .update({
        status: 'failed',
        row_errors: JSON.stringify([{ line: 0, field: 'file', reason: 'unreadable' }]),
      })
    return
  }
  const rowErrors = [...reading.errors]
  const movements = reading.entries.flatMap((entry) => {
    const amountMinor = minorAmount(entry.amount, account.currency)
    if (amountMinor === null) {
      rowErrors.push({ line: entry.line, field: 'amount', reason: 'too_many_decimals' })
      return []
    }
    return [{ ...entry, amountMinor }]
  })
  const fingerprints = statementLineFingerprints(account.id, movements)
  const known = new Set<string>()
  for (let start = 0; start < fingerprints.length; start += INSERT_CHUNK) {
    const rows = await trx
      .from('finance.statement_lines')
      .where({ organization_id: organizationId, treasury_account_id: account.id })
      .whereIn('status', ['unmatched', 'reconciled'])
      .whereIn('fingerprint', fingerprints.slice(start, start + INSERT_CHUNK))
      .select('fingerprint')
    rows.forEach((row: { fingerprint: string }) => known.add(row.fingerprint))
  }
  let duplicates = 0
  for (let start = 0; start < movements.length; start += INSERT_CHUNK) {
    const chunk = movements.slice(start, start + INSERT_CHUNK)
    await trx
      .insertQuery()
      .table('finance.statement_lines')
      .multiInsert(
        chunk.map((movement, index) => {
          const fingerprint = fingerprints[start + index]
          const duplicate = known.has(fingerprint)
          if (duplicate) duplicates += 1
          return {
            organization_id: organizationId,
            import_id: importId,
            treasury_account_id: account.id,
            line_no: movement.line,
            line_date: movement.date,
            amount_minor: movement.amountMinor.toString(),
            description: movement.description.slice(0, 500),
            reference: movement.reference?.slice(0, 140) ?? null,
            counterparty: movement.counterparty?.slice(0, 200) ?? null,
            external_id: movement.externalId?.slice(0, 140) ?? null,
            fingerprint,
            status: duplicate ? 'duplicate' : 'preview',
          }
        })
      )
    await context.progress(
      Math.round((100 * (start + chunk.length)) / Math.max(movements.length, 1)),
      localizedText('treasury.statements.progress', {
        done: start + chunk.length,
        total: movements.length,
      })
    )
  }
  await trx
    .from('finance.statement_imports')
    .where({ organization_id: organizationId, id: importId })
    .update({
      status: 'ready',
      line_count: movements.length,
      duplicate_count: duplicates,
      row_errors: JSON.stringify(
        rowErrors.sort((a, b) => a.line - b.line).slice(0, MAX_STATEMENT_ROWS)
      ),
    })
}

/** An import of the organisation, or a 404. */
export async function findStatementImport(
  client: QueryClientContract,
  organizationId: string,
  id: string
) {
  if (!isUuid(id)) throw notFound()
  const row = await client
    .from('finance.statement_imports')
    .where({ organization_id: organizationId, id })
    .first()
  if (!row) throw notFound()
  return row
}

/**
 * Confirms an analysed import: its preview lines join the account's statement as unmatched lines.
 * A line that another import brought in meanwhile becomes a duplicate instead (the unique index
 * on the fingerprint is the last word).
 */
export async function confirmStatementImport(
  trx: TransactionClientContract,
  organizationId: string,
  id: string
) {
  if (!isUuid(id)) throw notFound()
  const statement = await trx
    .from('finance.statement_imports')
    .where({ organization_id: organizationId, id })
    .forUpdate()
    .first()
  if (!statement) throw notFound()
  if (statement.status !== 'ready') throw treasuryErrors.importNotReady()
  await trx.rawQuery(
    `UPDATE finance.statement_lines line SET status = 'duplicate'
     WHERE line.organization_id = ? AND line.import_id = ? AND line.status = 'preview'
       AND EXISTS (SELECT 1 FROM finance.statement_lines other WHERE other.organization_id = line.organization_id
         AND other.treasury_account_id = line.treasury_account_id AND other.fingerprint = line.fingerprint
         AND other.status IN ('unmatched', 'reconciled'))`,
    [organizationId, id]
  )
  await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, import_id: id, status: 'preview' })
    .update({ status: 'unmatched' })
  const [{ count }] = await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, import_id: id, status: 'duplicate' })
    .count('* as count')
  await trx
    .from('finance.statement_imports')
    .where({ organization_id: organizationId, id })
    .update({ status: 'confirmed', confirmed_at: new Date(), duplicate_count: Number(count) })
}

/** Drops an import that was not confirmed (its stored file too). */
export async function cancelStatementImport(organizationId: string, id: string) {
  const statement = await findStatementImport(db.connection(), organizationId, id)
  if (statement.status === 'confirmed') throw treasuryErrors.importNotReady()
  await db.from('finance.statement_imports').where({ organization_id: organizationId, id }).delete()
  await files.delete(organizationId, statement.file_path)
}

/** The lines of an import, in file order. */
export async function statementLines(
  client: QueryClientContract,
  organizationId: string,
  importId: string
) {
  return client
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, import_id: importId })
    .orderBy('line_no')
    .select(
      '*',
      client.raw(`to_char(line_date, 'YYYY-MM-DD') as date`),
      client.raw('amount_minor::text as amount_text')
    )
}

/** Entries moving the account's ledger account that no statement line was matched to, around `from`..`to`. */
async function openMovements(
  client: QueryClientContract,
  organizationId: string,
  account: TreasuryAccountRow,
  from: string,
  to: string
): Promise<MatchCandidate[]> {
  const { rows } = await client.rawQuery(
    `SELECT e.id AS entry_id, e.source_type, e.source_id, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
       sum(l.amount_minor)::text AS amount_minor, e.number, e.description,
       (SELECT t.reference FROM finance.transactions t WHERE t.organization_id = e.organization_id AND t.entry_id = e.id) AS reference
     FROM finance.entry_lines l JOIN finance.entries e ON e.organization_id = l.organization_id AND e.id = l.entry_id
     WHERE l.organization_id = ? AND l.account_id = ? AND l.currency = ?
       AND e.entry_date BETWEEN (?::date - 30) AND (?::date + 30)
       AND e.reverses_entry_id IS NULL
       AND coalesce(e.source_type, '') <> 'treasury_opening'
       AND NOT EXISTS (SELECT 1 FROM finance.entries r WHERE r.organization_id = e.organization_id AND r.reverses_entry_id = e.id)
       AND NOT EXISTS (SELECT 1 FROM finance.statement_lines s WHERE s.organization_id = e.organization_id AND s.matched_entry_id = e.id)
     GROUP BY e.id`,
    [organizationId, account.account_id, account.currency, from, to]
  )
  return rows.map((row: Record<string, string>) => ({
    entryId: row.entry_id,
    sourceType: row.source_type ?? 'manual',
    sourceId: row.source_id,
    date: row.date,
    amountMinor: BigInt(row.amount_minor),
    reference: row.reference ?? row.number,
    label: `${row.number} — ${row.description}`,
  }))
}

/** The account's unmatched statement lines, oldest first, each with its suggested counterparts. */
export async function reconciliationView(
  client: QueryClientContract,
  organizationId: string,
  account: TreasuryAccountRow
) {
  const lines = await client
    .from('finance.statement_lines')
    .where({
      organization_id: organizationId,
      treasury_account_id: account.id,
      status: 'unmatched',
    })
    .orderBy('line_date')
    .orderBy('line_no')
    .limit(200)
    .select('*', client.raw(`to_char(line_date, 'YYYY-MM-DD') as date`))
  if (!lines.length) return []
  const candidates = await openMovements(
    client,
    organizationId,
    account,
    lines[0].date,
    lines[lines.length - 1].date
  )
  return lines.map((line) => ({
    line,
    suggestions: suggestMatches(
      {
        date: line.date,
        amountMinor: BigInt(line.amount_minor),
        reference: line.reference,
        description: `${line.description} ${line.counterparty ?? ''}`,
      },
      candidates
    ),
  }))
}

async function openLine(trx: TransactionClientContract, organizationId: string, lineId: string) {
  if (!isUuid(lineId)) throw treasuryErrors.lineUnknown()
  const line = await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, id: lineId })
    .forUpdate()
    .select('*', trx.raw(`to_char(line_date, 'YYYY-MM-DD') as date`))
    .first()
  if (!line) throw treasuryErrors.lineUnknown()
  if (line.status !== 'unmatched') throw treasuryErrors.lineNotOpen()
  const account = await requireTreasuryAccount(
    trx,
    organizationId,
    line.treasury_account_id,
    'lineId'
  )
  return { line, account }
}

/** The user confirms `entryId` as the line's counterpart: it must move the account by the line's amount and be free. */
export async function matchStatementLine(
  trx: TransactionClientContract,
  organizationId: string,
  lineId: string,
  entryId: string
) {
  const { line, account } = await openLine(trx, organizationId, lineId)
  const candidates = await openMovements(trx, organizationId, account, line.date, line.date)
  const candidate = candidates.find((movement) => movement.entryId === entryId)
  if (!candidate || candidate.amountMinor !== BigInt(line.amount_minor))
    throw treasuryErrors.matchRefused()
  await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, id: lineId })
    .update({ status: 'reconciled', matched_entry_id: entryId, reconciled_at: new Date() })
}

/** Undoes a match: the line is open again (the entry stays in the books); an open line stays as it is. */
export async function unmatchStatementLine(
  trx: TransactionClientContract,
  organizationId: string,
  lineId: string
) {
  if (!isUuid(lineId)) throw treasuryErrors.lineUnknown()
  const updated = await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, id: lineId, status: 'reconciled' })
    .update({ status: 'unmatched', matched_entry_id: null, reconciled_at: null })
    .returning('id')
  if (updated.length) return
  const exists = await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, id: lineId })
    .first()
  if (!exists) throw treasuryErrors.lineUnknown()
  if (exists.status !== 'unmatched') throw treasuryErrors.lineNotOpen()
}

/**
 * An unmatched line becomes a transaction (income for money in, expense for money out) in the
 * category the user picks, reconciled with it at once.
 */
export async function transactionFromLine(
  trx: TransactionClientContract,
  organizationId: string,
  lineId: string,
  input: {
    categoryId: string
    contactId?: string | null
    description?: string | null
    tax?: string | null
  },
  createdBy: string | null
) {
  const { line, account } = await openLine(trx, organizationId, lineId)
  const amountMinor = BigInt(line.amount_minor)
  const magnitude = amountMinor < 0n ? -amountMinor : amountMinor
  const recorded = await recordTransaction(
    trx,
    organizationId,
    {
      kind: amountMinor > 0n ? 'income' : 'expense',
      date: line.date,
      accountId: account.id,
      amount: fromMinorUnits(magnitude, account.currency),
      categoryId: input.categoryId,
      contactId: input.contactId ?? null,
      tax: input.tax ?? null,
      description: (
        input.description ||
        line.description ||
        line.counterparty ||
        line.reference ||
        '—'
      ).slice(0, 300),
      reference: line.reference?.slice(0, 80) ?? null,
    },
    createdBy
  )
  await trx
    .from('finance.statement_lines')
    .where({ organization_id: organizationId, id: lineId })
    .update({ status: 'reconciled', matched_entry_id: recorded.entryId, reconciled_at: new Date() })
  return recorded
}
