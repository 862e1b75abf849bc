import type { ModuleCatalogueEntry } from '@ia/sdk'

/** The disabled module whose pages live under `path` (its `routeBase` or below), or null. */
export function disabledModuleAt(
  path: string,
  catalogue: ModuleCatalogueEntry[]
): ModuleCatalogueEntry | null {
  return (
    catalogue.find(
      (module) =>
        !module.enabled &&
        module.routeBase &&
        (path === module.routeBase || path.startsWith(`${module.routeBase}/`))
    ) ?? null
  )
}
