/*
 * The reference lines of the SYSCOHADA financial statements (revised system, 2017) and the account
 * numbers each one adds up. An account goes to the line of its longest matching prefix.
 */

/** A line of the income statement (compte de résultat). */
export type IncomeLine = {
  ref: string
  kind: 'income' | 'expense'
  labelFr: string
  labelEn: string
  prefixes: string[]
}

/** The income statement's lines, in the order the statement prints them (totals XA to XI are computed). */
export const INCOME_STATEMENT_LINES: IncomeLine[] = [
  {
    ref: 'TA',
    kind: 'income',
    labelFr: 'Ventes de marchandises',
    labelEn: 'Sales of goods',
    prefixes: ['701'],
  },
  {
    ref: 'RA',
    kind: 'expense',
    labelFr: 'Achats de marchandises',
    labelEn: 'Purchases of goods',
    prefixes: ['601'],
  },
  {
    ref: 'RB',
    kind: 'expense',
    labelFr: 'Variation de stocks de marchandises',
    labelEn: 'Change in goods inventory',
    prefixes: ['6031'],
  },
  {
    ref: 'TB',
    kind: 'income',
    labelFr: 'Ventes de produits fabriqués',
    labelEn: 'Sales of manufactured products',
    prefixes: ['702', '703', '704'],
  },
  {
    ref: 'TC',
    kind: 'income',
    labelFr: 'Travaux, services vendus',
    labelEn: 'Works and services sold',
    prefixes: ['705', '706'],
  },
  {
    ref: 'TD',
    kind: 'income',
    labelFr: 'Produits accessoires',
    labelEn: 'Ancillary income',
    prefixes: ['707'],
  },
  {
    ref: 'TE',
    kind: 'income',
    labelFr: 'Production stockée (ou déstockage)',
    labelEn: 'Change in finished goods and work in progress',
    prefixes: ['73'],
  },
  {
    ref: 'TF',
    kind: 'income',
    labelFr: 'Production immobilisée',
    labelEn: 'Capitalised production',
    prefixes: ['72'],
  },
  {
    ref: 'TG',
    kind: 'income',
    labelFr: "Subventions d'exploitation",
    labelEn: 'Operating grants',
    prefixes: ['71'],
  },
  {
    ref: 'TH',
    kind: 'income',
    labelFr: 'Autres produits',
    labelEn: 'Other income',
    prefixes: ['7', '75'],
  },
  {
    ref: 'TI',
    kind: 'income',
    labelFr: "Transferts de charges d'exploitation",
    labelEn: 'Operating expense transfers',
    prefixes: ['781'],
  },
  {
    ref: 'RC',
    kind: 'expense',
    labelFr: 'Achats de matières premières et fournitures liées',
    labelEn: 'Purchases of raw materials',
    prefixes: ['602'],
  },
  {
    ref: 'RD',
    kind: 'expense',
    labelFr: 'Variation de stocks de matières premières',
    labelEn: 'Change in raw materials inventory',
    prefixes: ['6032'],
  },
  {
    ref: 'RE',
    kind: 'expense',
    labelFr: 'Autres achats',
    labelEn: 'Other purchases',
    prefixes: ['60', '604', '605', '608'],
  },
  {
    ref: 'RF',
    kind: 'expense',
    labelFr: "Variation de stocks d'autres approvisionnements",
    labelEn: 'Change in other supplies inventory',
    prefixes: ['6033'],
  },
  { ref: 'RG', kind: 'expense', labelFr: 'Transports', labelEn: 'Transport', prefixes: ['61'] },
  {
    ref: 'RH',
    kind: 'expense',
    labelFr: 'Services extérieurs',
    labelEn: 'External services',
    prefixes: ['62', '63'],
  },
  {
    ref: 'RI',
    kind: 'expense',
    labelFr: 'Impôts et taxes',
    labelEn: 'Taxes and duties',
    prefixes: ['64'],
  },
  {
    ref: 'RJ',
    kind: 'expense',
    labelFr: 'Autres charges',
    labelEn: 'Other expenses',
    prefixes: ['6', '65'],
  },
  {
    ref: 'RK',
    kind: 'expense',
    labelFr: 'Charges de personnel',
    labelEn: 'Staff costs',
    prefixes: ['66'],
  },
  {
    ref: 'TJ',
    kind: 'income',
    labelFr: 'Reprises d’amortissements, provisions et dépréciations',
    labelEn: 'Reversals of depreciation, provisions and impairment',
    prefixes: ['79', '791', '798', '799'],
  },
  {
    ref: 'RL',
    kind: 'expense',
    labelFr: 'Dotations aux amortissements, provisions et dépréciations',
    labelEn: 'Depreciation, provisions and impairment',
    prefixes: ['68', '69'],
  },
  {
    ref: 'TK',
    kind: 'income',
    labelFr: 'Revenus financiers et assimilés',
    labelEn: 'Financial income',
    prefixes: ['77'],
  },
  {
    ref: 'TL',
    kind: 'income',
    labelFr: 'Reprises de provisions et dépréciations financières',
    labelEn: 'Reversals of financial provisions',
    prefixes: ['797'],
  },
  {
    ref: 'TM',
    kind: 'income',
    labelFr: 'Transferts de charges financières',
    labelEn: 'Financial expense transfers',
    prefixes: ['787'],
  },
  {
    ref: 'RM',
    kind: 'expense',
    labelFr: 'Frais financiers et charges assimilées',
    labelEn: 'Financial expenses',
    prefixes: ['67'],
  },
  {
    ref: 'RN',
    kind: 'expense',
    labelFr: 'Dotations aux provisions et dépréciations financières',
    labelEn: 'Financial provisions and impairment',
    prefixes: ['697'],
  },
  {
    ref: 'TN',
    kind: 'income',
    labelFr: "Produits des cessions d'immobilisations",
    labelEn: 'Proceeds from disposals of fixed assets',
    prefixes: ['82'],
  },
  {
    ref: 'TO',
    kind: 'income',
    labelFr: 'Autres produits HAO',
    labelEn: 'Other non-ordinary income',
    prefixes: ['84', '86', '88'],
  },
  {
    ref: 'RO',
    kind: 'expense',
    labelFr: "Valeurs comptables des cessions d'immobilisations",
    labelEn: 'Book value of disposed fixed assets',
    prefixes: ['81'],
  },
  {
    ref: 'RP',
    kind: 'expense',
    labelFr: 'Autres charges HAO',
    labelEn: 'Other non-ordinary expenses',
    prefixes: ['83', '85'],
  },
  {
    ref: 'RQ',
    kind: 'expense',
    labelFr: 'Participation des travailleurs',
    labelEn: 'Employee profit sharing',
    prefixes: ['87'],
  },
  {
    ref: 'RS',
    kind: 'expense',
    labelFr: 'Impôts sur le résultat',
    labelEn: 'Income tax',
    prefixes: ['89'],
  },
]

/** The totals of the income statement, as the SYSCOHADA names them. */
export const INCOME_STATEMENT_TOTALS = [
  { ref: 'XA', labelFr: 'Marge commerciale', labelEn: 'Trading margin' },
  { ref: 'XB', labelFr: "Chiffre d'affaires", labelEn: 'Revenue' },
  { ref: 'XC', labelFr: 'Valeur ajoutée', labelEn: 'Value added' },
  { ref: 'XD', labelFr: "Excédent brut d'exploitation", labelEn: 'Gross operating surplus' },
  { ref: 'XE', labelFr: "Résultat d'exploitation", labelEn: 'Operating result' },
  { ref: 'XF', labelFr: 'Résultat financier', labelEn: 'Financial result' },
  {
    ref: 'XG',
    labelFr: 'Résultat des activités ordinaires',
    labelEn: 'Result of ordinary activities',
  },
  { ref: 'XH', labelFr: 'Résultat hors activités ordinaires', labelEn: 'Non-ordinary result' },
  { ref: 'XI', labelFr: 'Résultat net', labelEn: 'Net result' },
] as const

/** A line of the balance sheet (bilan). */
export type BalanceSheetLine = {
  ref: string
  side: 'asset' | 'liability'
  labelFr: string
  labelEn: string
}

/** The balance sheet's lines, assets then liabilities and equity. */
export const BALANCE_SHEET_LINES: BalanceSheetLine[] = [
  {
    ref: 'AD',
    side: 'asset',
    labelFr: 'Immobilisations incorporelles',
    labelEn: 'Intangible assets',
  },
  {
    ref: 'AI',
    side: 'asset',
    labelFr: 'Immobilisations corporelles',
    labelEn: 'Property, plant and equipment',
  },
  {
    ref: 'AQ',
    side: 'asset',
    labelFr: 'Avances et acomptes versés sur immobilisations',
    labelEn: 'Advances paid on fixed assets',
  },
  { ref: 'AR', side: 'asset', labelFr: 'Immobilisations financières', labelEn: 'Financial assets' },
  {
    ref: 'BA',
    side: 'asset',
    labelFr: 'Actif circulant HAO',
    labelEn: 'Non-ordinary current assets',
  },
  {
    ref: 'BB',
    side: 'asset',
    labelFr: 'Stocks et encours',
    labelEn: 'Inventories and work in progress',
  },
  {
    ref: 'BH',
    side: 'asset',
    labelFr: 'Fournisseurs, avances versées',
    labelEn: 'Advances to suppliers',
  },
  { ref: 'BI', side: 'asset', labelFr: 'Clients', labelEn: 'Customers' },
  { ref: 'BJ', side: 'asset', labelFr: 'Autres créances', labelEn: 'Other receivables' },
  { ref: 'BQ', side: 'asset', labelFr: 'Titres de placement', labelEn: 'Short-term investments' },
  { ref: 'BR', side: 'asset', labelFr: 'Valeurs à encaisser', labelEn: 'Items for collection' },
  {
    ref: 'BS',
    side: 'asset',
    labelFr: 'Banques, chèques postaux, caisse et assimilés',
    labelEn: 'Banks, cash and equivalents',
  },
  {
    ref: 'BU',
    side: 'asset',
    labelFr: 'Écart de conversion-Actif',
    labelEn: 'Translation difference (assets)',
  },
  { ref: 'CA', side: 'liability', labelFr: 'Capital', labelEn: 'Share capital' },
  {
    ref: 'CB',
    side: 'liability',
    labelFr: 'Apporteurs capital non appelé (-)',
    labelEn: 'Uncalled capital (-)',
  },
  {
    ref: 'CD',
    side: 'liability',
    labelFr: 'Primes liées au capital social',
    labelEn: 'Share premiums',
  },
  {
    ref: 'CE',
    side: 'liability',
    labelFr: 'Écarts de réévaluation',
    labelEn: 'Revaluation differences',
  },
  {
    ref: 'CF',
    side: 'liability',
    labelFr: 'Réserves indisponibles',
    labelEn: 'Restricted reserves',
  },
  { ref: 'CG', side: 'liability', labelFr: 'Réserves libres', labelEn: 'Free reserves' },
  { ref: 'CH', side: 'liability', labelFr: 'Report à nouveau', labelEn: 'Retained earnings' },
  {
    ref: 'CJ',
    side: 'liability',
    labelFr: "Résultat net de l'exercice",
    labelEn: 'Net result for the year',
  },
  {
    ref: 'CL',
    side: 'liability',
    labelFr: "Subventions d'investissement",
    labelEn: 'Investment grants',
  },
  {
    ref: 'CM',
    side: 'liability',
    labelFr: 'Provisions réglementées',
    labelEn: 'Regulated provisions',
  },
  {
    ref: 'DA',
    side: 'liability',
    labelFr: 'Emprunts et dettes financières diverses',
    labelEn: 'Borrowings and financial debts',
  },
  {
    ref: 'DB',
    side: 'liability',
    labelFr: 'Dettes de location-acquisition',
    labelEn: 'Lease liabilities',
  },
  {
    ref: 'DC',
    side: 'liability',
    labelFr: 'Provisions pour risques et charges',
    labelEn: 'Provisions for risks and charges',
  },
  {
    ref: 'DH',
    side: 'liability',
    labelFr: 'Dettes circulantes HAO',
    labelEn: 'Non-ordinary current liabilities',
  },
  {
    ref: 'DI',
    side: 'liability',
    labelFr: 'Clients, avances reçues',
    labelEn: 'Advances from customers',
  },
  {
    ref: 'DJ',
    side: 'liability',
    labelFr: "Fournisseurs d'exploitation",
    labelEn: 'Trade payables',
  },
  {
    ref: 'DK',
    side: 'liability',
    labelFr: 'Dettes fiscales et sociales',
    labelEn: 'Tax and social liabilities',
  },
  { ref: 'DM', side: 'liability', labelFr: 'Autres dettes', labelEn: 'Other payables' },
  {
    ref: 'DN',
    side: 'liability',
    labelFr: 'Provisions pour risques à court terme',
    labelEn: 'Short-term provisions',
  },
  {
    ref: 'DQ',
    side: 'liability',
    labelFr: "Banques, crédits d'escompte",
    labelEn: 'Banks, discount credits',
  },
  {
    ref: 'DR',
    side: 'liability',
    labelFr: 'Banques, établissements financiers et crédits de trésorerie',
    labelEn: 'Bank overdrafts and short-term credit',
  },
  {
    ref: 'DV',
    side: 'liability',
    labelFr: 'Écart de conversion-Passif',
    labelEn: 'Translation difference (liabilities)',
  },
]

/** Per prefix: the line of a debit balance, and of a credit balance when it differs. */
const BALANCE_SHEET_RULES: Record<string, [debit: string, credit?: string]> = {
  '1': ['CA'],
  '101': ['CA'],
  '109': ['CB'],
  '105': ['CD'],
  '106': ['CE'],
  '11': ['CF'],
  '118': ['CG'],
  '12': ['CH'],
  '13': ['CJ'],
  '14': ['CL'],
  '15': ['CM'],
  '16': ['DA'],
  '18': ['DA'],
  '17': ['DB'],
  '19': ['DC'],
  '2': ['AI'],
  '21': ['AD'],
  '281': ['AD'],
  '291': ['AD'],
  '25': ['AQ'],
  '295': ['AQ'],
  '26': ['AR'],
  '27': ['AR'],
  '296': ['AR'],
  '297': ['AR'],
  '3': ['BB'],
  '4': ['BJ', 'DM'],
  '40': ['BH', 'DJ'],
  '41': ['BI', 'DI'],
  '491': ['BI'],
  '42': ['BJ', 'DK'],
  '43': ['BJ', 'DK'],
  '44': ['BJ', 'DK'],
  '478': ['BU'],
  '479': ['DV'],
  '48': ['BA', 'DH'],
  '499': ['DN'],
  '5': ['BS', 'DR'],
  '50': ['BQ'],
  '590': ['BQ'],
  '51': ['BR'],
  '56': ['DR'],
  '564': ['DQ'],
  '565': ['DQ'],
  '599': ['DN'],
}

function longestPrefix<T>(code: string, table: Record<string, T>): T {
  for (let length = code.length; length > 0; length--) {
    const found = table[code.slice(0, length)]
    if (found !== undefined) return found
  }
  throw new RangeError(`No statement line for account ${code}`)
}

const INCOME_BY_PREFIX: Record<string, IncomeLine> = Object.fromEntries(
  INCOME_STATEMENT_LINES.flatMap((line) => line.prefixes.map((prefix) => [prefix, line]))
)
const OTHER_NON_ORDINARY = {
  expense: INCOME_STATEMENT_LINES.find((line) => line.ref === 'RP')!,
  income: INCOME_STATEMENT_LINES.find((line) => line.ref === 'TO')!,
}

/** The income statement line of a class 6, 7 or 8 account (in class 8, an odd second digit is an expense). */
export function incomeLineOf(code: string): IncomeLine {
  if (
    code.startsWith('8') &&
    !['81', '82', '83', '84', '85', '86', '87', '88', '89'].includes(code.slice(0, 2))
  )
    return Number(code[1] ?? '0') % 2 === 1 ? OTHER_NON_ORDINARY.expense : OTHER_NON_ORDINARY.income
  return longestPrefix(code, INCOME_BY_PREFIX)
}

/** The balance sheet line of a class 1 to 5 account, given its balance (debit positive). */
export function balanceSheetLineOf(code: string, balance: bigint): BalanceSheetLine {
  const [debitLine, creditLine] = longestPrefix(code, BALANCE_SHEET_RULES)
  const ref = balance < 0n && creditLine ? creditLine : debitLine
  return BALANCE_SHEET_LINES.find((line) => line.ref === ref)!
}
