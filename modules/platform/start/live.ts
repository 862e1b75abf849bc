/*
 * Live updates: transmit's server-sent-event endpoints (signed-in users only) and what the
 * platform pushes on them (job progress; notifications push themselves).
 */
import router from '@adonisjs/core/services/router'
import emitter from '@adonisjs/core/services/emitter'
import { platformMiddleware as middleware } from './middleware.ts'
import { live } from '../app/services/live/live.ts'
import { forwardJobProgress } from '../app/services/live/job_progress.ts'

const LiveController = () => import('../app/controllers/live_controller.ts')

router
  .group(() => {
    router.get('events', [LiveController, 'events'])
    router.post('subscribe', [LiveController, 'subscribe'])
    router.post('unsubscribe', [LiveController, 'unsubscribe'])
  })
  .prefix('/__transmit')
  .use(middleware.auth())

emitter.on('platform:job.progress', (event) => forwardJobProgress(live, event))
