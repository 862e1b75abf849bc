import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['development'] },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
  },
})
