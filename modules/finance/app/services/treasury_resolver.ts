import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { SME_ACCOUNTS } from './sme_accounts.ts'

/** How money was received or paid, in invoicing's words. */
export type TreasuryMethod = 'cash' | 'transfer' | 'mobile_money' | 'card'

/** What a treasury resolver is asked. */
export type TreasuryQuestion = {
  organizationId: string
  method: TreasuryMethod
  currency: string
  client: TransactionClientContract
}

/** The journal and ledger account money of a method goes through. */
export type TreasuryTarget = { journal: string; account: string }

/** Chooses the journal and account of received money; the treasury feature replaces it with its own accounts. */
export type TreasuryResolver = (question: TreasuryQuestion) => Promise<TreasuryTarget>

/** Cash to the cash box (5711, journal CA), mobile money to the wallets account (552, MM), the rest to the bank (521, BQ). */
export const defaultTreasuryResolver: TreasuryResolver = async ({ method }) => {
  if (method === 'cash') return { journal: 'CA', account: SME_ACCOUNTS.cash }
  if (method === 'mobile_money') return { journal: 'MM', account: SME_ACCOUNTS.mobileMoney }
  return { journal: 'BQ', account: SME_ACCOUNTS.bank }
}

let current: TreasuryResolver = defaultTreasuryResolver

/** Replaces the treasury resolver (the treasury accounts feature calls this at start). */
export function setTreasuryResolver(resolver: TreasuryResolver) {
  current = resolver
}

/** The journal and account for a payment, as the current resolver answers. */
export function resolveTreasury(question: TreasuryQuestion) {
  return current(question)
}
