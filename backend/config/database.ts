import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { moduleCatalog } from '@ia/kernel/catalog'

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
      pool: { min: 0, max: env.get('DATABASE_POOL_MAX', 10) },
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
