import type { HttpContext } from '@adonisjs/core/http'
import { jobAdmin } from '../jobs/job_admin.ts'
import { listJobsValidator } from '../validators/jobs.ts'

/** An organisation's background jobs, for its admins: list, retry a failed one, discard it. */
export default class JobsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const {
      status,
      page = 1,
      perPage = 25,
    } = await ctx.request.validateUsing(listJobsValidator, { data: ctx.request.qs() })
    return jobAdmin.list(ctx.organization.id, { status, page, perPage })
  }

  async retry(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    return { job: await jobAdmin.retry(ctx.organization.id, ctx.params.jobId) }
  }

  async discard(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    return { job: await jobAdmin.discard(ctx.organization.id, ctx.params.jobId) }
  }
}
