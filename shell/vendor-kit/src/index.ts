export {
  defineRemoteConfig,
  federatedConfig,
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
export { defineVendorRemoteConfig, type VendorRemoteConfigOptions } from './define-vendor-config.ts'
export {
  checkVendorManifest,
  MANIFEST_FILE_NAME,
  readVendorManifest,
  VENDOR_MODULE_ID,
  vendorFilesBase,
  type VendorModuleManifest,
} from './vendor-manifest.ts'
export {
  canonicalHashList,
  collectPackageFiles,
  generateVendorKeys,
  hashPackage,
  packageFileName,
  parseVendorPrivateKey,
  readTarGz,
  SIGNATURE_FILE_NAME,
  signPackage,
  verifyIntegrity,
  verifyPackageSignature,
  withIntegrity,
  writeTarGz,
  type PackageFiles,
} from './package.ts'
export { scaffoldVendorModule, vendorModuleFiles, type ScaffoldOptions } from './scaffold.ts'
