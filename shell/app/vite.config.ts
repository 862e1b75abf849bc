import { federation } from '@module-federation/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { shellServiceWorker } from './vite/service-worker-plugin.ts'

const backend = process.env.IA_BACKEND_URL ?? 'http://localhost:3333'
const singleton = { singleton: true }

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    federation({
      name: 'shell',
      remotes: {},
      shared: {
        'vue': singleton,
        'vue-router': singleton,
        'pinia': singleton,
        'vue-i18n': singleton,
        '@ia/ui': singleton,
        '@ia/sdk': singleton,
      },
      dts: false,
    }),
    shellServiceWorker(),
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/__transmit': { target: backend, changeOrigin: false },
      '/remotes': { target: backend, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/__transmit': { target: backend, changeOrigin: false },
      '/remotes': { target: backend, changeOrigin: false },
    },
  },
  build: {
    target: 'es2022',
    // frame.html hosts sandboxed vendor modules (served by the marketplace at /marketplace/frame/<id>/<version>/).
    rolldownOptions: { input: { main: 'index.html', frame: 'frame.html' } },
    // No source maps in the build: the backend serves dist as it is, and would hand out the sources.
    sourcemap: false,
  },
})
