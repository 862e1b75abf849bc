import { defineRemoteConfig } from '@ia/vendor-kit'

export default defineRemoteConfig({
  id: 'payments',
  // ./PublicPage: the customer's mobile-money payment page, mounted by the shell at /public/payments/<token>.
  exposes: { './module': './src/module.ts', './PublicPage': './src/public/PublicPage.vue' },
})
