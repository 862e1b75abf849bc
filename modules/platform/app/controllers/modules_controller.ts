import type { HttpContext } from '@adonisjs/core/http'
import registry from '../services/module_registry_service.ts'
import {
  serializeModule,
  serializePublicRemote,
  serializeShellManifest,
} from '../transformers/module_transformer.ts'

/** The module catalogue of an organisation, enabling and disabling, and the shell's manifest. */
export default class ModulesController {
  async index({ organization }: HttpContext) {
    const modules = await registry.list(organization.id)
    return { data: modules.map(serializeModule) }
  }

  async enable(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const module = await registry.enable(ctx.organization.id, ctx.params.moduleId, {
      id: ctx.auth.user!.id,
      ip: ctx.request.ip(),
    })
    return { module: serializeModule(module) }
  }

  async disable(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const module = await registry.disable(ctx.organization.id, ctx.params.moduleId, {
      id: ctx.auth.user!.id,
      ip: ctx.request.ip(),
    })
    return { module: serializeModule(module) }
  }

  async shellManifest({ organization }: HttpContext) {
    return serializeShellManifest(await registry.shellManifest(organization.id))
  }

  async publicRemote({ params, response }: HttpContext) {
    const remote = await registry.publicRemote(params.moduleId)
    // The hashes change only with a new build: a minute of caching spares the server every page view.
    response.header('cache-control', 'public, max-age=60')
    return serializePublicRemote(remote)
  }
}
