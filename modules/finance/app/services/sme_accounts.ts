/**
 * The SYSCOHADA accounts an SME's everyday operations post to. Mobile-money wallets go to 552
 * "Monnaie électronique - téléphone portable": the revised chart (2017) created class 55 for
 * electronic money, so a wallet is a treasury holding of its own, not 585 "Virements de fonds"
 * (money in transit between two treasury accounts) nor a bank (52).
 */
export const SME_ACCOUNTS = {
  customers: '4111',
  suppliers: '4011',
  bank: '521',
  cash: '5711',
  mobileMoney: '552',
  salesGoods: '7011',
  salesServices: '7061',
  purchasesGoods: '6011',
  vatCollected: '4431',
  vatDeductible: '4452',
  exchangeLoss: '676',
  exchangeGain: '776',
  /** Profit and loss of the year, where the balance sheet shows the result before allocation. */
  resultProfit: '131',
  resultLoss: '139',
} as const
