import { defineRemoteConfig } from '@ia/vendor-kit'

export default defineRemoteConfig({
  id: 'invoicing',
  // ./PublicPage: the customer's page of a document, mounted by the shell at /public/invoicing/<token>.
  exposes: { './module': './src/module.ts', './PublicPage': './src/public/PublicPage.vue' },
})
