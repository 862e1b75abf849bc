import type { ModuleState, ShellModule } from '../catalog/shell_manifest.ts'

/** Who changes a module's state, for the audit log. */
export type ModuleActor = { id: string; ip: string | null }

/**
 * The vendor modules an organisation installed from the marketplace. The marketplace implements it
 * and binds it as `kernel.vendorModules`; the platform's module registry lists them beside the
 * first-party modules and adds their remotes to the shell manifest, without importing the marketplace.
 */
export interface VendorModuleSource {
  /** The vendor modules installed in the organisation, as module administration shows them. */
  list(organizationId: string): Promise<ModuleState[]>
  /** The remotes of the organisation's enabled vendor modules, each file with its signed hash. */
  shellModules(organizationId: string): Promise<ShellModule[]>
  /** Enables or disables an installed vendor module; null when the organisation has no such vendor module. */
  setEnabled(
    organizationId: string,
    moduleId: string,
    enabled: boolean,
    actor: ModuleActor
  ): Promise<ModuleState | null>
  /**
   * The outside hosts declared by the manifests of the vendor modules that run in the shell's page
   * (audited vendors, installed and enabled in any organisation): the shell's Content-Security-Policy
   * allows these and no other.
   */
  inPageHosts(): Promise<string[]>
}
