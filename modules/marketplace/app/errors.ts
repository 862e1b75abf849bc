import { DomainError } from '@ia/kernel/contracts'

const refusal = (code: string, field: string, data: Record<string, unknown> = {}) =>
  new DomainError(code, 422, `marketplace.errors.${code}`, data, field)

/**
 * The marketplace's expected failures. A refused package names the file (`field` is the path inside
 * the archive, or `package` for the archive itself) or the manifest field (`module.json:<field>`).
 */
export const marketplaceErrors = {
  /** The signed-in user already has a vendor profile. */
  vendorExists: () => new DomainError('E_VENDOR_EXISTS', 409, 'marketplace.errors.E_VENDOR_EXISTS'),
  /** Another vendor took this prefix. */
  prefixTaken: () => refusal('E_VENDOR_PREFIX_TAKEN', 'prefix'),
  /** The signed-in user has no vendor profile. */
  noVendor: () => new DomainError('E_VENDOR_MISSING', 404, 'marketplace.errors.E_VENDOR_MISSING'),
  /** Only an approved vendor uploads packages. */
  vendorNotApproved: () =>
    new DomainError('E_VENDOR_NOT_APPROVED', 403, 'marketplace.errors.E_VENDOR_NOT_APPROVED'),
  /** Not an Ed25519 public key. */
  invalidKey: () => refusal('E_VENDOR_KEY_INVALID', 'publicKey'),
  /** The vendor registered this key already. */
  keyExists: () => refusal('E_VENDOR_KEY_EXISTS', 'publicKey'),

  /** Neither a .tar.gz nor a .zip. */
  packageFormat: () => refusal('E_PACKAGE_FORMAT', 'package'),
  /** The archive cannot be read to its end. */
  packageCorrupt: () => refusal('E_PACKAGE_CORRUPT', 'package'),
  /** The archive itself is over the limit. */
  packageTooLarge: (max: string) => refusal('E_PACKAGE_TOO_LARGE', 'package', { max }),
  /** All files together unpack to more than the limit: an archive bomb, or simply too much. */
  packageUnpackedTooLarge: (max: string) =>
    refusal('E_PACKAGE_UNPACKED_TOO_LARGE', 'package', { max }),
  /** More files than a package may hold. */
  tooManyFiles: (max: number) => refusal('E_PACKAGE_TOO_MANY_FILES', 'package', { max }),
  /** One file is over the limit. */
  fileTooLarge: (path: string, max: string) =>
    refusal('E_PACKAGE_FILE_TOO_LARGE', path, { path, max }),
  /** A path climbing out of the package with `..`. */
  pathTraversal: (path: string) => refusal('E_PACKAGE_PATH_TRAVERSAL', path, { path }),
  /** An absolute path. */
  pathAbsolute: (path: string) => refusal('E_PACKAGE_PATH_ABSOLUTE', path, { path }),
  /** A path with characters a URL path would change, or hidden segments. */
  pathInvalid: (path: string) => refusal('E_PACKAGE_PATH_INVALID', path, { path }),
  /** Two entries of one path. */
  pathDuplicate: (path: string) => refusal('E_PACKAGE_PATH_DUPLICATE', path, { path }),
  /** A symbolic or hard link, a device, a FIFO...: only plain files and folders. */
  notAFile: (path: string) => refusal('E_PACKAGE_NOT_A_FILE', path, { path }),
  /** An extension outside the allowed list, or bytes that are not what the extension says. */
  fileType: (path: string) => refusal('E_PACKAGE_FILE_TYPE', path, { path }),
  /** A required file of the package is missing (module.json, integrity.json, signature.json, remoteEntry.js...). */
  fileMissing: (path: string) => refusal('E_PACKAGE_FILE_MISSING', path, { path }),
  /** A file the hash list does not name. */
  fileUnlisted: (path: string) => refusal('E_PACKAGE_FILE_UNLISTED', path, { path }),
  /** A file whose SHA-384 is not the listed one. */
  hashMismatch: (path: string) => refusal('E_PACKAGE_HASH_MISMATCH', path, { path }),
  /** integrity.json or signature.json is not the expected JSON. */
  metadataInvalid: (path: string) => refusal('E_PACKAGE_METADATA_INVALID', path, { path }),
  /** The signature matches none of the vendor's active keys. */
  signatureInvalid: () => refusal('E_PACKAGE_SIGNATURE_INVALID', 'signature.json'),
  /** module.json does not follow the schema. */
  manifestInvalid: (field: string, message: string) =>
    refusal('E_PACKAGE_MANIFEST_INVALID', `module.json:${field}`, { field, message }),
  /** The module id does not start with the vendor's prefix. */
  manifestIdPrefix: (prefix: string) =>
    refusal('E_PACKAGE_MODULE_ID_PREFIX', 'module.json:id', { prefix }),
  /** The remote's pages must live under `/<module id>`, so no module takes another's paths. */
  routeBase: (expected: string) =>
    refusal('E_PACKAGE_ROUTE_BASE', 'module.json:remote.routeBase', { expected }),
  /** A navigation item outside the module's pages. */
  navigationPath: (index: number, routeBase: string) =>
    refusal('E_PACKAGE_NAVIGATION_PATH', `module.json:remote.navigation.${index}.path`, {
      routeBase,
    }),
  /** Another vendor publishes this module id. */
  moduleTaken: () => refusal('E_PACKAGE_MODULE_TAKEN', 'module.json:id'),
  /** The platform's version is outside the range the module supports. */
  platformRange: (platform: string) =>
    refusal('E_PACKAGE_PLATFORM_RANGE', 'module.json:platform', { platform }),
  /** The version is not above every version uploaded before. */
  versionNotHigher: (last: string) =>
    refusal('E_PACKAGE_VERSION_NOT_HIGHER', 'module.json:version', { last }),
  /** A webhook URL that is not https on a public address. */
  webhookUrl: (field: string) => refusal('E_WEBHOOK_URL_NOT_ALLOWED', field),

  /** Only submitted versions are reviewed. */
  alreadyReviewed: () =>
    new DomainError(
      'E_VERSION_ALREADY_REVIEWED',
      409,
      'marketplace.errors.E_VERSION_ALREADY_REVIEWED'
    ),
  /** No marketplace signing key is configured. */
  signingKeyMissing: () =>
    new DomainError(
      'E_MARKETPLACE_KEY_MISSING',
      503,
      'marketplace.errors.E_MARKETPLACE_KEY_MISSING'
    ),
  /** The version is not offered to this organisation (not approved, withdrawn, or outside its roll-out). */
  versionNotOffered: () => refusal('E_VERSION_NOT_OFFERED', 'versionId'),
  /** Installing or upgrading needs consent to exactly the scopes the version asks for. */
  consentRequired: (scopes: string) => refusal('E_CONSENT_REQUIRED', 'consentedScopes', { scopes }),
  /** The organisation has this module installed already (upgrade it instead). */
  alreadyInstalled: () =>
    new DomainError(
      'E_MODULE_ALREADY_INSTALLED',
      409,
      'marketplace.errors.E_MODULE_ALREADY_INSTALLED'
    ),
}
