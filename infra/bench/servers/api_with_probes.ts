/*
 * The real API process plus probe routes for the benchmark only: each probe stops the request at one
 * stage of the organisation pipeline, so the difference between two probes is what that stage costs.
 * Started by contacts_list.mjs from backend/ (`node --import @poppinss/ts-exec ../infra/bench/servers/api_with_probes.ts`).
 */
import { prettyPrintError } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { createIgnitor } from '../../../backend/bin/ignitor.ts'

const empty = () => ({})

createIgnitor((app) => {
  app.starting(async () => {
    const router = await app.container.make('router')
    // Imported once the application exists: these modules read its services when loaded.
    const { platformMiddleware } = await import('../../../modules/platform/start/middleware.ts')
    const { authorize } = await import('../../../modules/platform/contracts/authorization.ts')
    // Every statement any request sends, counted where Lucid hands it to knex.
    const db = await app.container.make('lucid.db')
    let queries = 0
    db.connection()
      .getWriteClient()
      .on('query', () => queries++)
    router
      .group(() => {
        router.get('queries', () => ({ queries }))
        router.get('global', empty)
        router.get('auth', empty).use(platformMiddleware.auth())
        router
          .get('orgs/:orgId/organization', empty)
          .use([platformMiddleware.auth(), platformMiddleware.organization()])
        router
          .get('orgs/:orgId/module', empty)
          .use([
            platformMiddleware.auth(),
            platformMiddleware.organization(),
            platformMiddleware.moduleEnabled({ moduleId: 'contacts' }),
          ])
        router
          .get('orgs/:orgId/authorized', async (ctx: HttpContext) => {
            await authorize(ctx, 'contacts.contact.read')
            return {}
          })
          .use([
            platformMiddleware.auth(),
            platformMiddleware.organization(),
            platformMiddleware.moduleEnabled({ moduleId: 'contacts' }),
          ])
      })
      .prefix('/api/__bench')
  })
})
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
