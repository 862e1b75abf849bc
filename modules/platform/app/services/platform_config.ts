import config from '@adonisjs/core/services/config'

/** The host's config/platform.ts, read through the config service. */
export const platformConfig = {
  get appUrl(): string {
    return config.get('platform.appUrl')
  },
  get dataDir(): string {
    return config.get('platform.dataDir')
  },
  get modulesCacheTtl(): string {
    return config.get('platform.modulesCacheTtl')
  },
  get files(): { urlTtlSeconds: number } {
    return config.get('platform.files')
  },
  get signIn(): { maxAttempts: number; lockMinutes: number } {
    return config.get('platform.signIn')
  },
}
