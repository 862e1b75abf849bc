import env from '#start/env'
import app from '@adonisjs/core/services/app'

/** Settings the platform module reads (modules never read the environment themselves). */
const platformConfig = {
  appUrl: env.get('APP_URL'),
  dataDir: env.get('DATA_DIR', app.makePath('../.data')),
  signIn: {
    maxAttempts: env.get('SIGN_IN_MAX_ATTEMPTS', 5),
    lockMinutes: env.get('SIGN_IN_LOCK_MINUTES', 15),
  },
}

export default platformConfig

/** The shape of config/platform.ts. */
export type PlatformConfig = typeof platformConfig
