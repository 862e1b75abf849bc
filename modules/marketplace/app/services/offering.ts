import { createHash } from 'node:crypto'
import type ModuleVersion from '../models/module_version.ts'

/**
 * Where an organisation falls in a module's staged roll-out: 0-99, stable per module and organisation,
 * so raising the percentage only adds organisations and each version of a module reaches the same ones first.
 */
export function rolloutBucket(listingId: string, organizationId: string) {
  return (
    createHash('sha256').update(`${listingId}:${organizationId}`).digest().readUInt32BE(0) % 100
  )
}

/** Whether a version is offered to an organisation: approved, not rolled back, and within its roll-out. */
export function isOffered(version: ModuleVersion, organizationId: string) {
  if (version.status !== 'approved' || version.withdrawnAt) return false
  return (
    version.rolloutOrganizations.includes(organizationId) ||
    rolloutBucket(version.listingId, organizationId) < version.rolloutPercent
  )
}
