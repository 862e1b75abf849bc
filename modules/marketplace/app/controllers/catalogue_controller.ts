import type { HttpContext } from '@adonisjs/core/http'
import { authorize, notFound } from '@ia/kernel/contracts'
import Install from '../models/install.ts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import { catalogue, catalogueModule } from '../queries/catalogue.ts'
import {
  catalogueQueryValidator,
  installValidator,
  upgradeValidator,
} from '../validators/marketplace.ts'
import { KNOWN_SCOPES } from '../services/scopes.ts'
import { ManageInstall } from '../actions/manage_install.ts'
import {
  serializeCatalogueModule,
  serializeCatalogueModulePage,
  serializeInstall,
} from '../transformers/marketplace_transformers.ts'

const actorOf = (ctx: HttpContext) => ({ id: ctx.auth.user!.id, ip: ctx.request.ip() })

/** Installs as the wire shows them, their modules and versions read in two queries. */
async function installViews(installs: Install[]) {
  const listings = new Map(
    (
      await Listing.query().whereIn(
        'id',
        installs.map((install) => install.listingId)
      )
    ).map((row) => [row.id, row])
  )
  const versions = new Map(
    (
      await ModuleVersion.query().whereIn(
        'id',
        installs.map((install) => install.versionId)
      )
    ).map((row) => [row.id, row])
  )
  return installs.map((install) =>
    serializeInstall({
      install,
      listing: listings.get(install.listingId)!,
      version: versions.get(install.versionId)!,
    })
  )
}

async function installView(install: Install) {
  return (await installViews([install]))[0]
}

/** The organisation's side: the catalogue, and installing, upgrading, disabling and uninstalling vendor modules. */
export default class CatalogueController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.catalog.read')
    const filters = await ctx.request.validateUsing(catalogueQueryValidator, {
      data: ctx.request.qs(),
    })
    return { data: (await catalogue(ctx.organization.id, filters)).map(serializeCatalogueModule) }
  }

  /** Every scope a module or an API key may be granted, explained in the reader's language. */
  async scopes(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.catalog.read')
    return {
      data: KNOWN_SCOPES.map((scope) => ({
        scope,
        description: ctx.i18n.t(`marketplace.scopes.${scope}`),
      })),
    }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.catalog.read')
    const entry = await catalogueModule(ctx.organization.id, ctx.params.vendorModuleId)
    const scopeDescriptions = Object.fromEntries(
      entry.latest.scopes.map((scope) => [scope, ctx.i18n.t(`marketplace.scopes.${scope}`)])
    )
    return { module: serializeCatalogueModulePage({ ...entry, scopeDescriptions }) }
  }

  async installs(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.catalog.read')
    const installs = await Install.query().orderBy('created_at', 'asc')
    return { data: await installViews(installs) }
  }

  async install(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.install.manage')
    const payload = await ctx.request.validateUsing(installValidator)
    const install = await new ManageInstall().install(payload, actorOf(ctx))
    return ctx.response.created({ install: await installView(install) })
  }

  async upgrade(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.install.manage')
    const { consentedScopes } = await ctx.request.validateUsing(upgradeValidator)
    const install = await new ManageInstall().upgrade(
      ctx.params.installId,
      consentedScopes,
      actorOf(ctx)
    )
    return { install: await installView(install) }
  }

  async enable(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.install.manage')
    return {
      install: await installView(
        await new ManageInstall().setEnabled(ctx.params.installId, true, actorOf(ctx))
      ),
    }
  }

  async disable(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.install.manage')
    return {
      install: await installView(
        await new ManageInstall().setEnabled(ctx.params.installId, false, actorOf(ctx))
      ),
    }
  }

  async uninstall(ctx: HttpContext) {
    await authorize(ctx, 'marketplace.install.manage')
    if (!(await Install.find(ctx.params.installId))) throw notFound()
    await new ManageInstall().uninstall(ctx.params.installId, actorOf(ctx))
    return ctx.response.noContent()
  }
}
