import { defineTestConfig } from './src/define-test-config.ts'

export default defineTestConfig({ environment: 'node', include: ['test/**/*.test.ts'] })
