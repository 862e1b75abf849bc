import { fileURLToPath } from 'node:url'
import { defineVendorRemoteConfig } from '@ia/vendor-kit'

// Federation name, base path and shared singletons come from module.json; pass extra Vite options as { vite }.
export default defineVendorRemoteConfig({ root: fileURLToPath(new URL('.', import.meta.url)) })
