import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { moduleCatalog } from '@ia/kernel/catalog'
import { defineMarketplaceConfig } from '@ia/marketplace/contracts'

/** Settings the marketplace module reads, checked at boot. */
const marketplaceConfig = defineMarketplaceConfig({
  signingKey: env.get('MARKETPLACE_SIGNING_KEY'),
  allowPrivateWebhooks: app.inDev,
  platformVersion: moduleCatalog.find('platform')!.version,
  frameDocument: app.makePath('../shell/app/dist/frame.html'),
})

export default marketplaceConfig
