import env from '#start/env'
import { configProvider } from '@adonisjs/core'
import { defineConfig, stores } from '@adonisjs/limiter'
import type { LimiterConsumptionOptions } from '@adonisjs/limiter/types'

type PooledConnection = object
type KnexPool = {
  acquireConnection(): Promise<PooledConnection>
  releaseConnection(connection: PooledConnection): Promise<unknown>
}

/**
 * The database store, taking each connection from the client current at that query and giving it
 * back to that same client. The limiter keeps each store for the life of the process, and
 * `stores.database` binds it to `db.connection()` once: built during a test's global transaction, it
 * kept that transaction's connection after the transaction ended, and later used it once the pool
 * had closed it ("Client was closed"), or alongside its next user.
 */
function databaseStore(config: { tableName: string }) {
  return configProvider.create(async (app) => {
    const db = await app.container.make('lucid.db')
    const { default: LimiterDatabaseStore } = await import('@adonisjs/limiter/stores/database')
    const lenders = new WeakMap<PooledConnection, KnexPool>()
    const pool: KnexPool = {
      async acquireConnection() {
        const lender = db.connection().getWriteClient().client as unknown as KnexPool
        const connection = await lender.acquireConnection()
        lenders.set(connection, lender)
        return connection
      },
      async releaseConnection(connection) {
        const lender = lenders.get(connection)
        lenders.delete(connection)
        return lender?.releaseConnection(connection)
      },
    }
    const client = { dialect: db.connection().dialect, getWriteClient: () => ({ client: pool }) }
    return (options: LimiterConsumptionOptions) =>
      new LimiterDatabaseStore(client as never, { ...config, ...options })
  })
}

/**
 * Redis when REDIS_URL is set, else the database; RATE_LIMIT_STORE chooses otherwise. `npm start` picks
 * memory on the embedded PGlite: it serves every connection from one session, where the database
 * store's named statements clash, and it runs a single web process, which is all memory needs.
 */
const limiterConfig = defineConfig({
  default: env.get('RATE_LIMIT_STORE') ?? (env.get('REDIS_URL') ? 'redis' : 'database'),
  stores: {
    redis: stores.redis({}),
    database: databaseStore({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
