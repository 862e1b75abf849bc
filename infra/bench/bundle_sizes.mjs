/*
 * Gzip sizes of what a browser loads first: the shell's initial JavaScript (entry scripts and their
 * modulepreloads in index.html) and each remote's remoteEntry.js, checked against the budgets; and the
 * heavy libraries that must load only on demand (charts, data table, spreadsheet export), checked to be
 * absent from the initial files. Exits 1 when a budget is exceeded.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const KB = 1024
/** The shell's initial JavaScript may weigh this much, gzip included. */
const SHELL_INITIAL_BUDGET = 150 * KB
/** A remote's entry must weigh less than this. */
const REMOTE_ENTRY_BUDGET = 30 * KB
/** Code only these libraries contain, so a file holding it holds the library. */
const LAZY_LIBRARIES = [
  { name: 'ECharts', marker: 'ec_inner' },
  { name: 'TanStack Table', marker: 'getCoreRowModel' },
  { name: 'TanStack Virtual', marker: 'getVirtualItems' },
  { name: 'ExcelJS', marker: 'ExcelJS' },
]

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const failures = []

const shellDist = join(ROOT, 'shell/app/dist')
const html = readFileSync(join(shellDist, 'index.html'), 'utf8')
const initial = [
  ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g),
].map((m) => join(shellDist, m[1].replace(/^\//, '')))
let total = 0
for (const file of initial) {
  const size = gz(file)
  total += size
  console.log(`shell initial  ${file.slice(shellDist.length)}  ${kb(size)} gzip`)
}
console.log(
  `shell initial JavaScript: ${kb(total)} gzip in ${initial.length} files (budget ${kb(SHELL_INITIAL_BUDGET)})`
)
if (total > SHELL_INITIAL_BUDGET)
  failures.push(
    `shell initial JavaScript ${kb(total)} is over its budget of ${kb(SHELL_INITIAL_BUDGET)}`
  )

const assets = join(shellDist, 'assets')
const chunks = readdirSync(assets)
  .filter((name) => name.endsWith('.js'))
  .map((name) => join(assets, name))
for (const library of LAZY_LIBRARIES) {
  const holders = chunks.filter((file) => readFileSync(file, 'utf8').includes(library.marker))
  const eager = holders.filter((file) => initial.includes(file))
  const size = holders.reduce((sum, file) => sum + gz(file), 0)
  console.log(
    `on demand      ${library.name}: ${kb(size)} gzip in ${holders.length} file(s)${eager.length ? ', IN THE INITIAL JAVASCRIPT' : ''}`
  )
  if (eager.length)
    failures.push(
      `${library.name} is in the shell's initial JavaScript (${eager.map((file) => file.slice(shellDist.length)).join(', ')})`
    )
}

for (const remote of readdirSync(join(ROOT, 'remotes'))) {
  const entry = join(ROOT, 'remotes', remote, 'dist', 'remoteEntry.js')
  if (!existsSync(entry)) continue
  const size = gz(entry)
  console.log(
    `remote ${remote} remoteEntry.js: ${kb(size)} gzip (budget: under ${kb(REMOTE_ENTRY_BUDGET)})`
  )
  if (size >= REMOTE_ENTRY_BUDGET)
    failures.push(
      `remote ${remote}: remoteEntry.js ${kb(size)} is not under ${kb(REMOTE_ENTRY_BUDGET)}`
    )
}

if (failures.length) {
  for (const failure of failures) console.error(`OVER BUDGET: ${failure}`)
  process.exit(1)
}
console.log('every bundle is within its budget')
