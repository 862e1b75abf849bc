import { createPrivateKey, type KeyObject } from 'node:crypto'

/** The marketplace's settings, built by the host's `config/marketplace.ts` from the environment. */
export type MarketplaceConfig = {
  /** The marketplace's Ed25519 private key (PKCS#8 PEM, or the 32-byte seed in base64): approval counter-signs with it. */
  signingKey: string | undefined
  /** Webhook URLs may be http and on private or loopback addresses (development only). */
  allowPrivateWebhooks: boolean
  /** The platform's version, which a package's `platform` range must include. */
  platformVersion: string
  /** The built shell's frame host page (frame.html), the document of every sandboxed vendor module. */
  frameDocument: string
}

/** The marketplace's private key, from PEM or a base64 seed; throws naming the variable when it is not Ed25519. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim()
  let key: KeyObject
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed)
      : createPrivateKey({
          key: Buffer.concat([
            Buffer.from('302e020100300506032b657004220420', 'hex'),
            Buffer.from(trimmed, 'base64'),
          ]),
          format: 'der',
          type: 'pkcs8',
        })
  } catch {
    throw new Error(
      'Invalid environment variable "MARKETPLACE_SIGNING_KEY": not a private key (PKCS#8 PEM or a base64 Ed25519 seed)'
    )
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('Invalid environment variable "MARKETPLACE_SIGNING_KEY": not an Ed25519 key')
  return key
}

/** Declares the marketplace's settings, checked at boot: a wrong signing key stops the process with its name. */
export function defineMarketplaceConfig(config: MarketplaceConfig): MarketplaceConfig {
  if (config.signingKey) parseSigningKey(config.signingKey)
  return config
}
