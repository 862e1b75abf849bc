import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { slidingStore } from '@ia/platform/config'

/**
 * Server-side sessions (Redis when REDIS_URL is set, else the database), tagged by user so they can be ended.
 * A session only read is stored again about once an hour, not on every request; the job worker deletes
 * expired database rows (app/jobs/session_sweeper.ts in the platform).
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'ia-session',
  clearWithBrowser: false,
  age: '12h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction && env.get('APP_URL').startsWith('https:'),
    sameSite: 'lax',
  },
  // Japa's session client seeds sessions through the memory store.
  store: app.inTest ? 'memory' : env.get('REDIS_URL') ? 'redis' : 'database',
  stores: {
    redis: slidingStore(stores.redis({ connection: 'main' })),
    // The worker sweeps expired rows; the store's own sweep would run on 2% of writes, now rare.
    database: slidingStore(stores.database({ tableName: 'sessions', gcProbability: 0 })),
  },
})

export default sessionConfig
