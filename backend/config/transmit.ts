import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@adonisjs/transmit/transports/redis'
import { postgresBus } from '@ia/platform/config'

/** Server-sent events; across processes through Redis when REDIS_URL is set, else through PostgreSQL LISTEN/NOTIFY. */
const redisUrl = env.get('REDIS_URL') ? new URL(env.get('REDIS_URL')!) : null

const transmitConfig = defineConfig({
  pingInterval: '30s',
  transport: redisUrl
    ? {
        driver: redis({
          host: redisUrl.hostname,
          port: Number(redisUrl.port || 6379),
          username: redisUrl.username || undefined,
          password: decodeURIComponent(redisUrl.password) || undefined,
          db: Number(redisUrl.pathname.slice(1) || 0),
          tls: redisUrl.protocol === 'rediss:' ? {} : undefined,
        }),
      }
    : { driver: postgresBus({ connectionString: env.get('DATABASE_URL') }) },
})

export default transmitConfig
