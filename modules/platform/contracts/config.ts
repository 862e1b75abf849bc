/*
 * What the host's config files build the platform's drivers with (`@ia/platform/config`).
 */
export { oidc } from '../app/services/oidc_driver.ts'
export { localDiskDriver, s3DriverOptions } from '../app/services/file_storage.ts'
export { FileMailTransport } from '../app/services/file_mail_transport.ts'
export { postgresBus } from '../app/services/live/postgres_bus_transport.ts'
export {
  definePlatformConfig,
  defineSearchConfig,
  type PlatformConfig,
  type SearchConfig,
} from '../app/services/platform_config.ts'
export { SessionUserProvider, TokenUserProvider } from '../app/services/access_tokens.ts'
export { slidingStore } from '../app/services/session_store.ts'
