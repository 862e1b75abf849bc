import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'

/** Server-side sessions (Redis when REDIS_URL is set, else the database), tagged by user so they can be ended. */
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
    redis: stores.redis({ connection: 'main' }),
    database: stores.database({ tableName: 'sessions' }),
  },
})

export default sessionConfig
