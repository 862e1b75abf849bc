import type { Locale, MessageTree, PublicRemote } from '@ia/sdk'
import { markRaw, type Component } from 'vue'
import type { IntegrityMap } from '../sw/integrity'
import { toRemoteModule } from './manifest'

/** Key a remote exposes its public page under (declared by `remote.publicPage` in its module.json). */
export const PUBLIC_PAGE_EXPOSE = 'PublicPage'

/** What loading a public page needs; the app wires the real ones, tests their own. */
export interface PublicPageDeps {
  fetchRemote: (moduleId: string) => Promise<PublicRemote>
  prepareIntegrity: (map: IntegrityMap) => Promise<void>
  registerRemote: (remote: { name: string; entry: string }) => void
  loadExpose: (remoteName: string, expose: string) => Promise<unknown>
  mergeMessages: (locale: Locale, messages: MessageTree) => void
}

/**
 * Loads a module's public page for someone without an account: its remote's hashes go to the service
 * worker first (as for the signed-in shell), then its strings and its `./PublicPage` component.
 */
export async function loadPublicPage(moduleId: string, deps: PublicPageDeps): Promise<Component> {
  const { remote } = await deps.fetchRemote(moduleId)
  await deps.prepareIntegrity(remote.integrity)
  deps.registerRemote({ name: remote.name, entry: remote.entry })
  const [module, page] = await Promise.all([
    deps.loadExpose(remote.name, 'module'),
    deps.loadExpose(remote.name, PUBLIC_PAGE_EXPOSE),
  ])
  const declared = toRemoteModule(module, moduleId)
  deps.mergeMessages('fr', declared.messages.fr)
  deps.mergeMessages('en', declared.messages.en)
  const component = (page as { default?: unknown } | null)?.default ?? page
  if (!component || (typeof component !== 'object' && typeof component !== 'function'))
    throw new Error(`Remote "${moduleId}" exposes no ./${PUBLIC_PAGE_EXPOSE} component`)
  return markRaw(component as Component)
}
