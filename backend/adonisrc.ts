import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  experimental: {},

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/mail/commands'),
    () => import('@ia/platform/commands'),
    () => import('@adonisjs/cache/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/cors/cors_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/cache/cache_provider'),
    () => import('@adonisjs/ally/ally_provider'),
    () => import('@adonisjs/transmit/transmit_provider'),
    () => import('@ia/platform/provider'),
  ],

  preloads: [() => import('#start/kernel'), () => import('#start/routes')],

  tests: {
    suites: [
      { name: 'unit', files: ['../modules/*/tests/unit/**/*.spec.ts'], timeout: 10000 },
      {
        name: 'functional',
        files: ['../modules/*/tests/functional/**/*.spec.ts', 'tests/functional/**/*.spec.ts'],
        timeout: 60000,
      },
    ],
    forceExit: false,
  },

  metaFiles: [],
})
