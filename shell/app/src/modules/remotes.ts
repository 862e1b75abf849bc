import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime'

const registered = new Map<string, string>()

/** Declares a module's remote to the federation runtime, replacing it if its entry changed. */
export function registerRemote(remote: { name: string; entry: string }): void {
  const known = registered.get(remote.name)
  if (known === remote.entry) return
  registerRemotes([{ name: remote.name, entry: remote.entry, type: 'module' }], {
    force: known !== undefined,
  })
  registered.set(remote.name, remote.entry)
}

/** Loads the remote's `./module` expose. */
export async function loadRemoteModule(remoteName: string): Promise<unknown> {
  const exported = await loadRemote<unknown>(`${remoteName}/module`)
  if (exported == null) throw new Error(`Remote "${remoteName}" returned nothing for ./module`)
  return exported
}

/** Loads another expose of a remote (a module's `./PublicPage`). */
export async function loadRemoteExpose(remoteName: string, expose: string): Promise<unknown> {
  const exported = await loadRemote<unknown>(`${remoteName}/${expose}`)
  if (exported == null) throw new Error(`Remote "${remoteName}" returned nothing for ./${expose}`)
  return exported
}
