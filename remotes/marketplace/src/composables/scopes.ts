import semverGt from 'semver/functions/gt'
import type { Scope } from '../types'

/** The scopes a version asks for beyond those already granted: what an upgrade needs consent for. */
export function addedScopes(granted: readonly string[], asked: readonly string[]): string[] {
  return asked.filter((scope) => !granted.includes(scope))
}

/** A list of scope names as the API takes them (the server checks each against its known list). */
export function asScopes(names: readonly string[]): Scope[] {
  return names as Scope[]
}

/** Whether version `candidate` is higher than `installed`, by semantic version. */
export function isNewerVersion(candidate: string, installed: string): boolean {
  return semverGt(candidate, installed)
}
