import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, notFound } from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import {
  createTreasuryAccount,
  findTreasuryAccount,
  listTreasuryAccounts,
  updateTreasuryAccount,
} from '../services/treasury_accounts.ts'
import { listCategories } from '../services/treasury_categories.ts'
import {
  createTreasuryAccountValidator,
  updateTreasuryAccountValidator,
} from '../validators/treasury.ts'
import {
  serializeCategory,
  serializeTreasuryAccount,
} from '../transformers/treasury_transformer.ts'
import { isoDay, requestParties } from './treasury_http.ts'

/** Cash boxes, bank accounts and mobile-money wallets; the categories transactions use. */
export default class TreasuryAccountsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'finance.treasury.read')
    const archived = ctx.request.input('archived') === 'true'
    const rows = await listTreasuryAccounts(db.connection(), ctx.organization.id, { archived })
    return { data: rows.map((row) => serializeTreasuryAccount(row)) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'finance.treasury.read')
    const row = await findTreasuryAccount(
      db.connection(),
      ctx.organization.id,
      ctx.params.treasuryAccountId
    )
    if (!row) throw notFound()
    return { account: serializeTreasuryAccount(row) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'finance.treasury.manage')
    const input = await ctx.request.validateUsing(createTreasuryAccountValidator)
    const { organizationId, userId } = requestParties(ctx)
    const id = await db.transaction(async (trx) => {
      await currenciesService.assertCurrencyUsed(organizationId, input.currency, {
        client: trx,
        field: 'currency',
      })
      return createTreasuryAccount(
        trx,
        organizationId,
        {
          ...input,
          openingBalance: input.openingBalance ?? '0',
          openingDate: isoDay(input.openingDate),
        },
        userId
      )
    })
    const row = await findTreasuryAccount(db.connection(), organizationId, id)
    return ctx.response.created({ account: serializeTreasuryAccount(row!) })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'finance.treasury.manage')
    const changes = await ctx.request.validateUsing(updateTreasuryAccountValidator)
    const row = await db.transaction((trx) =>
      updateTreasuryAccount(trx, ctx.organization.id, ctx.params.treasuryAccountId, changes)
    )
    if (!row) throw notFound()
    return { account: serializeTreasuryAccount(row) }
  }

  async categories(ctx: HttpContext) {
    await authorize(ctx, 'finance.transaction.read')
    const rows = await db.transaction((trx) => listCategories(trx, ctx.organization.id))
    return { data: rows.map((row) => serializeCategory(row)) }
  }
}
