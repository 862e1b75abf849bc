import type { HttpContext } from '@adonisjs/core/http'
import { jobAdmin } from '../jobs/job_admin.ts'
import { serializeJob } from '../transformers/job_transformer.ts'
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
    const jobs = await jobAdmin.list(ctx.organization.id, { status, page, perPage })
    return { data: jobs.data.map(serializeJob), meta: jobs.meta }
  }

  async retry(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    return { job: serializeJob(await jobAdmin.retry(ctx.organization.id, ctx.params.jobId)) }
  }

  async discard(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    return { job: serializeJob(await jobAdmin.discard(ctx.organization.id, ctx.params.jobId)) }
  }
}
