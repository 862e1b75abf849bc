import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { moduleCatalog } from '@ia/kernel/catalog'

/**
 * On the embedded PostgreSQL, `npm start` passes the instance id its server reported: a connection
 * reaching any other server (another instance's, on a port that changed hands) is refused.
 */
function sameEmbeddedInstance(instanceId: string) {
  return (connection: any, done: (error: Error | null, connection: any) => void) => {
    connection.query(
      `SELECT current_setting('ia.embedded_instance', true) AS id`,
      (error: Error | null, result: any) => {
        const found = result?.rows[0]?.id
        if (!error && found !== instanceId) {
          error = new Error(
            `DATABASE_URL reaches another embedded PostgreSQL (instance ${found ?? 'none'}) than the one this app started (${instanceId})`
          )
        }
        // The pool does not close a connection it refuses: left open, it would hold one of the other server's few.
        if (error) connection.end()
        done(error, connection)
      }
    )
  }
}

const embeddedInstance = env.get('EMBEDDED_DB_INSTANCE')

/**
 * One PostgreSQL connection. Every module's migrations run from its own folder, named by the
 * same relative path in development, tests and production (all run the sources).
 */
const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: {
        min: 0,
        max: env.get('DATABASE_POOL_MAX', 10),
        ...(embeddedInstance ? { afterCreate: sameEmbeddedInstance(embeddedInstance) } : {}),
      },
      migrations: {
        naturalSort: true,
        paths: moduleCatalog.migrationPaths(),
      },
      seeders: { paths: ['./database/seeders'] },
      schemaGeneration: { enabled: false },
    },
  },
})

export default dbConfig
