import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  computeIntegrity,
  defineRemoteConfig,
  INTEGRITY_FILE_NAME,
  sriHash,
  type IntegrityManifest,
} from '../src/index.ts'

const fixtureRoot = fileURLToPath(new URL('./fixtures/remote', import.meta.url))

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

describe('sriHash', () => {
  it('matches the SRI format of a known digest', () => {
    // sha384 of "abc", from FIPS 180-2, base64-encoded.
    expect(sriHash(new TextEncoder().encode('abc'))).toBe(
      'sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn'
    )
  })
})

describe('computeIntegrity', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vendor-kit-integrity-'))
    await mkdir(join(dir, 'assets'))
    await writeFile(join(dir, 'remoteEntry.js'), 'export const a = 1\n')
    await writeFile(join(dir, 'assets', 'chunk.js'), 'export const b = 2\n')
    await writeFile(join(dir, INTEGRITY_FILE_NAME), '{"files":{}}')
  })

  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('lists nested files with / separators and leaves the manifest itself out', async () => {
    const { files } = await computeIntegrity(dir)
    expect(Object.keys(files)).toEqual(['assets/chunk.js', 'remoteEntry.js'])
  })

  it('changes the hash of a tampered file and only that one', async () => {
    const before = await computeIntegrity(dir)
    await writeFile(join(dir, 'assets', 'chunk.js'), 'export const b = 3\n')
    const after = await computeIntegrity(dir)
    expect(after.files['assets/chunk.js']).not.toBe(before.files['assets/chunk.js'])
    expect(after.files['remoteEntry.js']).toBe(before.files['remoteEntry.js'])
  })
})

describe('remote build', () => {
  let outDir: string
  let manifest: IntegrityManifest

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'vendor-kit-build-'))
    // The federation plugin turns itself off under Vitest unless told otherwise.
    vi.stubEnv('MFE_VITE_NO_TEST_ENV_CHECK', 'true')
    const config = defineRemoteConfig({
      id: 'fixture',
      vite: { root: fixtureRoot, logLevel: 'silent', build: { outDir } },
    })
    await build({ ...config, configFile: false })
    manifest = JSON.parse(
      await readFile(join(outDir, INTEGRITY_FILE_NAME), 'utf8')
    ) as IntegrityManifest
  }, 60_000)

  afterAll(async () => {
    vi.unstubAllEnvs()
    await rm(outDir, { recursive: true, force: true })
  })

  it('hashes every file the build wrote', async () => {
    const written = (await filesUnder(outDir)).filter((file) => file !== INTEGRITY_FILE_NAME).sort()
    expect(Object.keys(manifest.files).sort()).toEqual(written)
    expect(written).toContain('remoteEntry.js')
    expect(written).toContain('mf-manifest.json')
    expect(written.some((file) => file.startsWith('assets/') && file.endsWith('.css'))).toBe(true)
    expect(written.some((file) => file.startsWith('assets/') && file.endsWith('.js'))).toBe(true)
  })

  it('records the hash of the bytes on disk', async () => {
    for (const [file, hash] of Object.entries(manifest.files)) {
      expect(hash).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/)
      expect(sriHash(await readFile(join(outDir, file)))).toBe(hash)
    }
  })

  it('detects a tampered remoteEntry.js', async () => {
    const entry = join(outDir, 'remoteEntry.js')
    await writeFile(entry, `${await readFile(entry, 'utf8')}\nfetch('https://attacker.example')\n`)
    const { files } = await computeIntegrity(outDir)
    expect(files['remoteEntry.js']).not.toBe(manifest.files['remoteEntry.js'])
  })

  it('serves from /remotes/<id>/ and shares the host singletons', async () => {
    const mf = JSON.parse(await readFile(join(outDir, 'mf-manifest.json'), 'utf8')) as {
      name: string
      metaData: { publicPath: string; remoteEntry: { name: string } }
      shared: { name: string; singleton: boolean }[]
      exposes: { path: string }[]
    }
    expect(mf.name).toBe('fixture')
    expect(mf.metaData.publicPath).toBe('/remotes/fixture/')
    expect(mf.metaData.remoteEntry.name).toBe('remoteEntry.js')
    expect(mf.exposes.map((expose) => expose.path)).toEqual(['./module'])
    expect(
      mf.shared
        .filter((shared) => shared.singleton)
        .map((shared) => shared.name)
        .sort()
    ).toEqual(['@ia/sdk', '@ia/ui', 'pinia', 'vue', 'vue-i18n', 'vue-router'].sort())
  })
})
