/*
 * What `node ace make:module <id>` writes: the stubs of `modules/platform/stubs/module/`, `backend/`
 * into `modules/<id>/` and `remote/` into `remotes/<id>/`, with `__id__` and `__Name__` filled in
 * (in paths and contents) and the `.stub` ending dropped.
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder of the templates, one per generated package. */
export const MODULE_STUBS = fileURLToPath(new URL('../../stubs/module/', import.meta.url))

/** A module id make:module accepts: lower-case letters and digits, so that it is also a remote, schema and identifier name. */
export const SCAFFOLD_ID = /^[a-z][a-z0-9]{1,30}$/

/** `inventory` → `Inventory`. */
export const pascalName = (id: string) => id[0].toUpperCase() + id.slice(1)

async function stubFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.stub'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Writes the backend module and its remote under `workspace`; refuses an id taken by either. Returns the files written. */
export async function scaffoldModule(workspace: string, id: string): Promise<string[]> {
  if (!SCAFFOLD_ID.test(id))
    throw new Error(
      `"${id}" is not a module id: lower-case letters and digits, 2 to 31, starting with a letter`
    )
  const targets = {
    backend: join(workspace, 'modules', id),
    remote: join(workspace, 'remotes', id),
  }
  for (const target of Object.values(targets)) {
    if (existsSync(target)) throw new Error(`${relative(workspace, target)} already exists`)
  }
  const fill = (text: string) =>
    text.replaceAll('__id__', id).replaceAll('__Name__', pascalName(id))
  const written: string[] = []
  for (const [part, target] of Object.entries(targets)) {
    const root = join(MODULE_STUBS, part)
    for (const stub of await stubFiles(root)) {
      const file = join(target, fill(relative(root, stub)).replace(/\.stub$/, ''))
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, fill(await readFile(stub, 'utf8')))
      written.push(relative(workspace, file))
    }
  }
  return written.sort()
}
