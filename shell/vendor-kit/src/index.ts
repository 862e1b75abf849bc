export {
  defineRemoteConfig,
  MODULE_EXPOSE_KEY,
  type RemoteConfigOptions,
} from './define-remote-config.ts'
export {
  computeIntegrity,
  INTEGRITY_FILE_NAME,
  remoteIntegrity,
  sriHash,
  writeIntegrity,
  type IntegrityManifest,
} from './integrity.ts'
export { HOST_SHARED, type HostSharedDependency } from './shared.ts'
