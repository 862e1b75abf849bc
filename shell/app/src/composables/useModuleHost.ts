import { inject } from 'vue'
import { moduleHostKey, type ModuleHost } from '../modules/module-host'

/** The shell's module host (manifest, module states, module links). */
export function useModuleHost(): ModuleHost {
  const host = inject(moduleHostKey)
  if (!host) throw new Error('The module host is provided by the shell app')
  return host
}
