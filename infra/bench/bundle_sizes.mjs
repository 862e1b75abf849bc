/*
 * Gzip sizes of what a browser loads first: the shell's initial JavaScript (entry scripts and their
 * modulepreloads in index.html) and each remote's remoteEntry.js.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

const shellDist = join(ROOT, 'shell/app/dist')
const html = readFileSync(join(shellDist, 'index.html'), 'utf8')
const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1])
let total = 0
for (const path of initial) {
  const size = gz(join(shellDist, path.replace(/^\//, '')))
  total += size
  console.log(`shell initial  ${path}  ${kb(size)} gzip`)
}
console.log(`shell initial JavaScript: ${kb(total)} gzip in ${initial.length} files`)

for (const remote of readdirSync(join(ROOT, 'remotes'))) {
  const entry = join(ROOT, 'remotes', remote, 'dist', 'remoteEntry.js')
  if (existsSync(entry)) console.log(`remote ${remote} remoteEntry.js: ${kb(gz(entry))} gzip`)
}
