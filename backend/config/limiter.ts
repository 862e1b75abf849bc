import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Redis when REDIS_URL is set, else the database; RATE_LIMIT_STORE chooses otherwise. `npm start` picks
 * memory on the embedded PGlite: it serves every connection from one session, where the database
 * store's named statements clash, and it runs a single web process, which is all memory needs.
 */
const limiterConfig = defineConfig({
  default: env.get('RATE_LIMIT_STORE') ?? (env.get('REDIS_URL') ? 'redis' : 'database'),
  stores: {
    redis: stores.redis({}),
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
