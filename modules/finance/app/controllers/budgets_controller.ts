import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, fitsCurrency, toMinorUnits } from '@ia/kernel/contracts'
import { budgetAgainstActual, financeDashboard } from '../queries/finance_dashboard.ts'
import { ledgerSettings } from '../services/ledger_posting.ts'
import { requireCategory } from '../services/treasury_categories.ts'
import { budgetYearValidator, periodValidator, setBudgetValidator } from '../validators/treasury.ts'
import { treasuryErrors } from '../treasury_errors.ts'
import { financeErrors } from '../errors.ts'
import { isoDay } from './treasury_http.ts'

/** Budgets per category and month, and the owner's dashboard. */
export default class BudgetsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'finance.budget.read')
    const { year } = await ctx.request.validateUsing(budgetYearValidator, {
      data: ctx.request.qs(),
    })
    const client = db.connection()
    const { bookCurrency } = await ledgerSettings(ctx.organization.id, client)
    return {
      currency: bookCurrency,
      data: await budgetAgainstActual(
        client,
        ctx.organization.id,
        `${year}-01-01`,
        `${year}-12-31`
      ),
    }
  }

  /** Sets (or, with 0, clears) a category's budget for a month. */
  async set(ctx: HttpContext) {
    await authorize(ctx, 'finance.budget.manage')
    const input = await ctx.request.validateUsing(setBudgetValidator)
    const organizationId = ctx.organization.id
    await db.transaction(async (trx) => {
      const category = await requireCategory(
        trx,
        organizationId,
        input.categoryId,
        null,
        'categoryId'
      )
      const { bookCurrency } = await ledgerSettings(organizationId, trx)
      if (!fitsCurrency(input.amount, bookCurrency))
        throw treasuryErrors.amountDigits('amount', bookCurrency)
      const month = `${input.month}-01`
      const amountMinor = toMinorUnits(input.amount, bookCurrency)
      if (amountMinor === 0n) {
        await trx
          .from('finance.budgets')
          .where({ organization_id: organizationId, category_id: category.id, month })
          .delete()
        return
      }
      await trx.rawQuery(
        `INSERT INTO finance.budgets (organization_id, category_id, month, amount_minor) VALUES (?, ?, ?, ?)
         ON CONFLICT (organization_id, category_id, month) DO UPDATE SET amount_minor = EXCLUDED.amount_minor`,
        [organizationId, category.id, month, amountMinor.toString()]
      )
    })
    return ctx.response.noContent()
  }

  async dashboard(ctx: HttpContext) {
    await authorize(ctx, 'finance.dashboard.read')
    const input = await ctx.request.validateUsing(periodValidator, { data: ctx.request.qs() })
    const from = isoDay(input.from)
    const to = isoDay(input.to)
    if (to < from) throw financeErrors.periodOrder()
    return financeDashboard(db.connection(), ctx.organization.id, {
      from,
      to,
      currency: input.currency ?? 'book',
    })
  }
}
