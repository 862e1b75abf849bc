import type { HttpContext } from '@adonisjs/core/http'
import { onboarding } from '../services/onboarding.ts'
import { sampleData } from '../services/sample_data.ts'
import { serializeOnboardingChecklist } from '../transformers/onboarding_transformer.ts'

/** The first-day checklist of an organisation and its sample data, for its admins. */
export default class OnboardingController {
  async show(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const checklist = await onboarding.checklist(ctx.organization.id, ctx.auth.user!.id)
    return { onboarding: serializeOnboardingChecklist(checklist) }
  }

  async dismiss(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const checklist = await onboarding.dismiss(ctx.organization.id, ctx.auth.user!.id)
    return { onboarding: serializeOnboardingChecklist(checklist) }
  }

  async loadSampleData(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const jobId = await sampleData.load(ctx.organization.id, {
      id: ctx.auth.user!.id,
      ip: ctx.request.ip(),
    })
    return ctx.response.accepted({ jobId })
  }

  async removeSampleData(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const jobId = await sampleData.remove(ctx.organization.id, {
      id: ctx.auth.user!.id,
      ip: ctx.request.ip(),
    })
    return ctx.response.accepted({ jobId })
  }
}
