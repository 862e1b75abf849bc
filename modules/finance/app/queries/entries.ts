import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Decimal, fromMinorUnits } from '@ia/kernel/contracts'
import type { PostedEntry } from '../services/ledger_posting.ts'

type EntryRow = {
  id: string
  number: string
  journal_code: string
  entry_date: string
  description: string
  currency: string
  book_currency: string
  reporting_currency: string
  reporting_rate: string
  source_type: string | null
  source_id: string | null
  reverses_entry_id: string | null
  reversed_by_entry_id: string | null
}

/** Entries of the organisation with their lines, in the order of `ids`. */
export async function loadEntries(
  client: QueryClientContract,
  organizationId: string,
  ids: string[]
): Promise<Array<PostedEntry & { reversedByEntryId: string | null }>> {
  if (ids.length === 0) return []
  const [entries, lines] = await Promise.all([
    client
      .from('finance.entries as e')
      .join('finance.journals as j', 'j.id', 'e.journal_id')
      .leftJoin('finance.entries as r', (join) =>
        join.on('r.reverses_entry_id', 'e.id').andOn('r.organization_id', 'e.organization_id')
      )
      .where('e.organization_id', organizationId)
      .whereIn('e.id', ids)
      .select(
        'e.id',
        'e.number',
        'j.code as journal_code',
        client.raw("to_char(e.entry_date, 'YYYY-MM-DD') as entry_date"),
        'e.description',
        'e.currency',
        'e.book_currency',
        'e.reporting_currency',
        'e.reporting_rate',
        'e.source_type',
        'e.source_id',
        'e.reverses_entry_id',
        'r.id as reversed_by_entry_id'
      ) as Promise<EntryRow[]>,
    client
      .from('finance.entry_lines as l')
      .join('finance.accounts as a', 'a.id', 'l.account_id')
      .where('l.organization_id', organizationId)
      .whereIn('l.entry_id', ids)
      .orderBy('l.line_no')
      .select(
        'l.*',
        'a.code as account_code',
        client.raw("to_char(l.due_date, 'YYYY-MM-DD') as due_on")
      ),
  ])
  const byId = new Map(entries.map((entry) => [entry.id, entry]))
  return ids
    .filter((id) => byId.has(id))
    .map((id) => {
      const entry = byId.get(id)!
      return {
        id: entry.id,
        number: entry.number,
        journal: entry.journal_code,
        date: entry.entry_date,
        description: entry.description,
        currency: entry.currency,
        bookCurrency: entry.book_currency,
        reportingCurrency: entry.reporting_currency,
        reportingRate: new Decimal(entry.reporting_rate).toString(),
        source:
          entry.source_type === null ? null : { type: entry.source_type, id: entry.source_id! },
        reversesEntryId: entry.reverses_entry_id,
        reversedByEntryId: entry.reversed_by_entry_id,
        lines: lines
          .filter((line) => line.entry_id === id)
          .map((line) => ({
            lineNo: Number(line.line_no),
            accountId: line.account_id,
            accountCode: line.account_code,
            description: line.description,
            currency: line.currency,
            amount: fromMinorUnits(line.amount_minor, line.currency),
            debit: fromMinorUnits(line.debit_minor, entry.book_currency),
            credit: fromMinorUnits(line.credit_minor, entry.book_currency),
            reportingDebit: fromMinorUnits(line.reporting_debit_minor, entry.reporting_currency),
            reportingCredit: fromMinorUnits(line.reporting_credit_minor, entry.reporting_currency),
            partnerId: line.partner_id,
            matchRef: line.match_ref,
            dueDate: line.due_on,
            taxGroup: line.tax_group,
          })),
      }
    })
}
