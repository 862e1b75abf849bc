import { defineRemoteConfig } from '@ia/vendor-kit'

export default defineRemoteConfig({ id: 'finance' })
