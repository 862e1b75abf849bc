import { createPublicKey, sign } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { parseSigningKey, type MarketplaceConfig } from '../../contracts/config.ts'
import { marketplaceErrors } from '../errors.ts'

/** The marketplace's settings (`config/marketplace.ts`), read on use so a test may change them. */
export function marketplaceSettings(): MarketplaceConfig {
  return app.config.get<MarketplaceConfig>('marketplace')
}

/** The text the marketplace counter-signs: what it approved, for which module and version. */
export function counterSignedText(moduleId: string, version: string, hashList: string) {
  return `ia-marketplace-approval-v1\n${moduleId}\n${version}\n${hashList}`
}

/** Counter-signs an approved version's hash list with the marketplace's key (503 when none is configured). */
export function counterSign(moduleId: string, version: string, hashList: string) {
  const { signingKey } = marketplaceSettings()
  if (!signingKey) throw marketplaceErrors.signingKeyMissing()
  return sign(
    null,
    Buffer.from(counterSignedText(moduleId, version, hashList), 'utf8'),
    parseSigningKey(signingKey)
  ).toString('base64')
}

/** The marketplace's public key (SPKI PEM) the shell verifies counter-signatures with; null when none is configured. */
export function marketplacePublicKey(): string | null {
  const { signingKey } = marketplaceSettings()
  if (!signingKey) return null
  return createPublicKey(parseSigningKey(signingKey))
    .export({ format: 'pem', type: 'spki' })
    .toString()
}
