/*
 * The document of a sandboxed vendor module's iframe: the shell's frame host page (frame.html of the
 * built shell) with an import map giving the signed hash of every script of the version, served with a
 * Content-Security-Policy that
 * - sandboxes it (`sandbox allow-scripts`: an opaque origin, whatever loads it: no cookies, no storage,
 *   no access to the shell's DOM),
 * - allows scripts and styles from the frame host's assets and from exactly the version's signed files
 *   (a chunk the list does not name is refused by the browser),
 * - lets it call the platform's API and the hosts its manifest declares, and nothing else.
 * The browser checks each listed script against its hash (import map `integrity`) before running it.
 */
import { createHash } from 'node:crypto'
import type { PackageFile } from '../models/module_version.ts'

/** What the frame of one version needs. */
export type FrameVersion = {
  moduleId: string
  version: string
  files: Record<string, PackageFile>
  hosts: string[]
}

const SCRIPT = /\.(m?js)$/
const STYLE = /\.css$/

/** The host page's own scripts outside /assets/ (the shell's federation entry sits at the root). */
function rootScriptsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/[^"/]+\.js)"/g)].map((match) => match[1]!)
}

/** The frame document and its policy, for a version served at `filesBase` on `origin`. */
export function frameDocument(
  hostPage: string,
  origin: string,
  filesBase: string,
  version: FrameVersion
) {
  const url = (path: string) => `${origin}${filesBase}${path}`
  const paths = Object.keys(version.files).sort()
  const scripts = paths.filter((path) => SCRIPT.test(path))
  const styles = paths.filter((path) => STYLE.test(path))
  const importMap = JSON.stringify({
    imports: {},
    integrity: Object.fromEntries(scripts.map((path) => [url(path), version.files[path]!.hash])),
  })
  const importMapHash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`
  const outside = version.hosts.map((host) => `https://${host}`)
  const policy = [
    'sandbox allow-scripts',
    `default-src 'none'`,
    [
      'script-src',
      importMapHash,
      `${origin}/assets/`,
      ...rootScriptsOf(hostPage).map((path) => `${origin}${path}`),
      ...scripts.map(url),
    ].join(' '),
    ['style-src', `'unsafe-inline'`, `${origin}/assets/`, ...styles.map(url)].join(' '),
    ['img-src', `${origin}/assets/`, `${origin}${filesBase}`, 'data:', 'blob:', ...outside].join(
      ' '
    ),
    `font-src ${origin}/assets/ ${origin}${filesBase}`,
    ['connect-src', `${origin}/api/`, ...outside].join(' '),
    `frame-ancestors ${origin}`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `object-src 'none'`,
    `worker-src 'none'`,
  ].join('; ')
  // The import map must come before any module script of the page.
  const html = hostPage.replace(
    /<head>/i,
    `<head>\n    <script type="importmap">${importMap}</script>`
  )
  return { html, policy }
}
