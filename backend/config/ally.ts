import { defineConfig } from '@adonisjs/ally'

/** OAuth/OIDC sign-in providers; none unless configured (see README, OIDC_*). */
const allyConfig = defineConfig({})

export default allyConfig
