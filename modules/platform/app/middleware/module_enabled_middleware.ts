import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import registry from '../services/module_registry_service.ts'
import { notFound } from '@ia/kernel/contracts'

/** A disabled module's routes do not exist for that organisation: 404. */
export default class ModuleEnabledMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { moduleId: string }) {
    if (!(await registry.isEnabled(ctx.organization.id, options.moduleId))) throw notFound()
    return next()
  }
}
