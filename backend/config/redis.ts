import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'

/** Used only when REDIS_URL is set; nothing connects to it otherwise. */
const redisUrl = new URL(env.get('REDIS_URL') ?? 'redis://127.0.0.1:6379/0')

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      host: redisUrl.hostname,
      port: Number(redisUrl.port || 6379),
      username: redisUrl.username || undefined,
      password: decodeURIComponent(redisUrl.password) || undefined,
      db: Number(redisUrl.pathname.slice(1) || 0),
      keyPrefix: '',
      lazyConnect: true,
      tls: redisUrl.protocol === 'rediss:' ? {} : undefined,
      // Never give up: sessions, limits and the cache need Redis back after any outage, however long.
      retryStrategy(times) {
        return Math.min(times * 200, 5000)
      },
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
