import { randomUUID } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  Decimal,
  fitsCurrency,
  formatAmount,
  fromMinorUnits,
  toMinorUnits,
} from '@ia/kernel/contracts'
import { contactsDirectory } from '@ia/contacts/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import { ledgerPosting, ledgerSettings, type LedgerLineInput } from '../services/ledger_posting.ts'
import { requireTreasuryAccount } from '../services/treasury_accounts.ts'
import { requireCategory } from '../services/treasury_categories.ts'
import { TAX_ACCOUNTS, TREASURY_JOURNALS, requireChartAccount } from '../services/treasury_chart.ts'
import { treasuryErrors } from '../treasury_errors.ts'

/** The kinds of simple transaction. */
export const TRANSACTION_KINDS = ['income', 'expense', 'transfer'] as const
export type TransactionKind = (typeof TRANSACTION_KINDS)[number]

/** Money in, money out, or money moved between two of the organisation's accounts. */
export type NewTransaction = {
  kind: TransactionKind
  /** YYYY-MM-DD */
  date: string
  accountId: string
  toAccountId?: string | null
  /** Decimal string in the account's currency, tax included. */
  amount: string
  /** A transfer across currencies: 1 unit of the source account's currency = `rate` of the other's. */
  rate?: string | null
  categoryId?: string | null
  contactId?: string | null
  /** TVA included in `amount`: deductible on an expense, collected on an income. */
  tax?: string | null
  description: string
  reference?: string | null
  tags?: string[]
}

function minorOf(amount: string, currency: string, field: string) {
  if (!fitsCurrency(amount, currency)) throw treasuryErrors.amountDigits(field, currency)
  return toMinorUnits(amount, currency)
}

/**
 * Records a transaction and posts its journal entry, both in the caller's transaction:
 * an expense debits its category's account (and 4452 for deductible TVA) and credits the treasury
 * account; an income the other way round (4431 for collected TVA); a transfer debits the receiving
 * account and credits the paying one, both at the same book value (the source amount's, or the
 * side in the book currency), so a cross-currency transfer balances at the rate the user gives.
 */
export async function recordTransaction(
  client: TransactionClientContract,
  organizationId: string,
  input: NewTransaction,
  createdBy: string | null
) {
  const account = await requireTreasuryAccount(client, organizationId, input.accountId, 'accountId')
  const currency = account.currency
  const amountMinor = minorOf(input.amount, currency, 'amount')
  const amount = fromMinorUnits(amountMinor, currency)
  const journal = TREASURY_JOURNALS[account.kind]
  const lines: LedgerLineInput[] = []
  let toAccount = null
  let toAmountMinor: bigint | null = null
  let rate: string | null = null
  let category = null
  let contactName: string | null = null
  let taxMinor = 0n

  if (input.kind === 'transfer') {
    if (!input.toAccountId) throw treasuryErrors.accountUnknown('toAccountId')
    if (input.toAccountId === input.accountId) throw treasuryErrors.sameAccount()
    toAccount = await requireTreasuryAccount(
      client,
      organizationId,
      input.toAccountId,
      'toAccountId'
    )
    if (toAccount.currency === currency) {
      toAmountMinor = amountMinor
    } else {
      if (!input.rate) throw treasuryErrors.rateRequired()
      rate = new Decimal(input.rate).toString()
      toAmountMinor = toMinorUnits(
        formatAmount(new Decimal(amount).times(rate), toAccount.currency),
        toAccount.currency
      )
      // A rate so small that nothing arrives is no rate.
      if (toAmountMinor <= 0n) throw treasuryErrors.rateRequired()
    }
    const toAmount = fromMinorUnits(toAmountMinor, toAccount.currency)
    const { bookCurrency } = await ledgerSettings(organizationId, client)
    let bookAmount: string | undefined
    if (toAccount.currency !== currency) {
      bookAmount =
        currency === bookCurrency
          ? amount
          : toAccount.currency === bookCurrency
            ? toAmount
            : (
                await currenciesService.convert(
                  organizationId,
                  amountMinor,
                  currency,
                  bookCurrency,
                  input.date,
                  {
                    client,
                    field: 'date',
                  }
                )
              ).amount
    }
    lines.push(
      {
        account: toAccount.account_code,
        debit: toAmount,
        currency: toAccount.currency,
        bookAmount,
      },
      { account: account.account_code, credit: amount, currency, bookAmount }
    )
  } else {
    if (!input.categoryId) throw treasuryErrors.categoryUnknown('categoryId')
    category = await requireCategory(
      client,
      organizationId,
      input.categoryId,
      input.kind,
      'categoryId'
    )
    if (input.contactId) {
      const contact = await contactsDirectory.assertContactBelongs(
        organizationId,
        input.contactId,
        { field: 'contactId' },
        client
      )
      contactName = contact.name
    }
    taxMinor = input.tax ? minorOf(input.tax, currency, 'tax') : 0n
    if (taxMinor < 0n || taxMinor >= amountMinor) throw treasuryErrors.taxTooHigh()
    const net = fromMinorUnits(amountMinor - taxMinor, currency)
    const tax = fromMinorUnits(taxMinor, currency)
    const expense = input.kind === 'expense'
    const side = (value: string, debit: boolean) => (debit ? { debit: value } : { credit: value })
    lines.push(
      { account: account.account_code, ...side(amount, !expense) },
      {
        account: category.account_code,
        ...side(net, expense),
        partnerId: input.contactId ?? null,
        description: input.description,
      }
    )
    if (taxMinor > 0n) {
      const taxAccount = await requireChartAccount(
        client,
        organizationId,
        [expense ? TAX_ACCOUNTS.deductible : TAX_ACCOUNTS.collected],
        'tax'
      )
      lines.push({ account: taxAccount.code, ...side(tax, expense) })
    }
  }

  const id = randomUUID()
  const entry = await ledgerPosting.post(client, organizationId, {
    journal,
    date: input.date,
    description: input.description,
    currency,
    source: { type: 'transaction', id },
    createdBy,
    lines,
  })
  await client
    .insertQuery()
    .table('finance.transactions')
    .insert({
      id,
      organization_id: organizationId,
      kind: input.kind,
      transaction_date: input.date,
      treasury_account_id: account.id,
      to_treasury_account_id: toAccount?.id ?? null,
      currency,
      amount_minor: amountMinor.toString(),
      to_amount_minor: toAmountMinor?.toString() ?? null,
      rate,
      category_id: category?.id ?? null,
      contact_id: input.contactId ?? null,
      contact_name: contactName,
      tax_minor: taxMinor.toString(),
      description: input.description,
      reference: input.reference ?? null,
      tags: [...new Set(input.tags ?? [])],
      entry_id: entry.id,
      created_by: createdBy,
    })
  return { id, entryId: entry.id }
}
