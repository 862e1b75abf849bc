import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@adonisjs/transmit/transports/redis'

/** Server-sent events; through Redis when REDIS_URL is set, so every app process reaches every browser. */
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
    : null,
})

export default transmitConfig
