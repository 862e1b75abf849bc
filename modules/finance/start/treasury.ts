/*
 * Treasury's part of the finance module, loaded by the provider's start(): its routes, its
 * statement-analysis job, and the resolver that books invoice payments to the organisation's own
 * treasury accounts instead of the chart's defaults.
 */
import { jobs } from '@ia/kernel/contracts'
import {
  ANALYSE_STATEMENT_JOB,
  analyseStatement,
  type AnalyseStatementPayload,
} from '../app/services/statement_imports.ts'
import { treasuryTargetForPayment } from '../app/services/treasury_accounts.ts'
import { defaultTreasuryResolver, setTreasuryResolver } from '../app/services/treasury_resolver.ts'
import './treasury_routes.ts'

jobs.register<AnalyseStatementPayload>(ANALYSE_STATEMENT_JOB, analyseStatement, {
  title: 'treasury.statements.jobTitle',
})

setTreasuryResolver(
  async (question) =>
    (await treasuryTargetForPayment(
      question.client,
      question.organizationId,
      question.method,
      question.currency
    )) ?? defaultTreasuryResolver(question)
)
