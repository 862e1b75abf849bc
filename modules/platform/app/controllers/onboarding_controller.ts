import type { HttpContext } from '@adonisjs/core/http'
import { onboarding } from '../services/onboarding.ts'

/** The first-day checklist of an organisation, for its admins. */
export default class OnboardingController {
  async show(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    return { onboarding: await onboarding.checklist(ctx.organization.id, ctx.auth.user!.id) }
  }

  async dismiss(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    return { onboarding: await onboarding.dismiss(ctx.organization.id, ctx.auth.user!.id) }
  }
}
