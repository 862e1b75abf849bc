import { defineTestConfig } from '@ia/vendor-kit/vitest'

export default defineTestConfig()
