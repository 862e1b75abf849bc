import env from '#start/env'
import { defineConfig, drivers, store } from '@adonisjs/cache'

/**
 * With REDIS_URL: a memory layer per process in front of Redis, kept coherent by the Redis bus
 * (an entry deleted in one process is dropped from every other process's memory layer).
 * Without it: memory only, so entries live a short time (see the TTLs where the cache is used).
 */
const cacheConfig = defineConfig({
  default: 'main',
  prefix: 'ia',
  stores: {
    main: env.get('REDIS_URL')
      ? store()
          .useL1Layer(drivers.memory({ maxSize: '50mb' }))
          .useL2Layer(drivers.redis({ connectionName: 'main' }))
          .useBus(drivers.redisBus({ connectionName: 'main' }))
      : store().useL1Layer(drivers.memory({ maxSize: '50mb' })),
  },
})

export default cacheConfig

declare module '@adonisjs/cache/types' {
  interface CacheStores extends InferStores<typeof cacheConfig> {}
}
