import { createPublicKey } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  canonicalHashList,
  readTarGz,
  SIGNATURE_FILE_NAME,
  sriHash,
  verifyPackageSignature,
  writeTarGz,
  type PackageFiles,
} from '../src/index.ts'
import { runCli } from '../src/cli.ts'

// Inside the kit's folder, so that the scaffolded module's build resolves vue and vite from the kit's own dependencies.
const scratchRoot = fileURLToPath(new URL('./.scratch', import.meta.url))
const kitRoot = fileURLToPath(new URL('..', import.meta.url))
const quiet = { log: () => {} }

describe('ia-vendor scaffold, build, pack, sign', () => {
  let work: string
  let moduleDir: string
  let archivePath: string
  let files: PackageFiles

  beforeAll(async () => {
    vi.stubEnv('MFE_VITE_NO_TEST_ENV_CHECK', 'true')
    await mkdir(scratchRoot, { recursive: true })
    work = await mkdtemp(join(scratchRoot, 'cli-'))
    moduleDir = join(work, 'acme-hello')
    await runCli(['keygen', '--out', join(work, 'vendor-key.pem')], quiet)
    await runCli(['scaffold', 'acme-hello', '--dir', moduleDir], quiet)
    // What installing the kit from the workspace gives the vendor's project.
    await mkdir(join(moduleDir, 'node_modules/@ia'), { recursive: true })
    await symlink(kitRoot, join(moduleDir, 'node_modules/@ia/vendor-kit'), 'dir')
    archivePath = (await runCli(['pack', '--dir', moduleDir], quiet))[0]!
    await runCli(['sign', archivePath, '--key', join(work, 'vendor-key.pem')], quiet)
    files = await readTarGz(await readFile(archivePath!))
  }, 120_000)

  afterAll(async () => {
    vi.unstubAllEnvs()
    await rm(work, { recursive: true, force: true })
  })

  it('keeps the private key readable by its owner only', async () => {
    expect((await stat(join(work, 'vendor-key.pem'))).mode & 0o777).toBe(0o600)
  })

  it('refuses an id without the vendor prefix', async () => {
    await expect(runCli(['scaffold', 'hello', '--dir', join(work, 'x')], quiet)).rejects.toThrow(
      /<prefix>-<name>/
    )
  })

  it('packs module.json, the build, the icon and screenshots, with a hash of every file', async () => {
    const paths = [...files.keys()]
    for (const path of [
      'module.json',
      'remoteEntry.js',
      'icon.svg',
      'screenshots/home.png',
      'integrity.json',
      SIGNATURE_FILE_NAME,
    ])
      expect(paths).toContain(path)
    expect(paths.some((path) => /^assets\/.+\.js$/.test(path))).toBe(true)
    const listed = JSON.parse(files.get('integrity.json')!.toString()).files as Record<
      string,
      string
    >
    const hashed = paths.filter((path) => path !== 'integrity.json' && path !== SIGNATURE_FILE_NAME)
    expect(Object.keys(listed).sort()).toEqual(hashed.sort())
    for (const path of hashed) expect(listed[path]).toBe(sriHash(files.get(path)!))
  })

  it('builds for the marketplace path of the version, with the shared singletons left to the shell', async () => {
    const entry = files.get('remoteEntry.js')!.toString()
    expect(entry).toContain('acme_hello')
    const manifest = JSON.parse(files.get('mf-manifest.json')!.toString())
    expect(manifest.metaData.publicPath).toBe('/marketplace/files/acme-hello/0.1.0/')
    // No copy of Vue is shipped: the page takes the shell's from the share scope.
    const page = [...files].find(([path]) => /^assets\/HelloPage-.+\.js$/.test(path))![1].toString()
    expect(page).toContain('default:vue')
    expect(page).not.toMatch(/from\s*["']vue["']/)
  })

  it('signs the canonical hash list with the vendor key', async () => {
    const publicPem = await readFile(join(work, 'vendor-key.pub.pem'), 'utf8')
    expect(createPublicKey(publicPem).asymmetricKeyType).toBe('ed25519')
    expect(verifyPackageSignature(files, publicPem)).toBe(true)
    const listed = JSON.parse(files.get('integrity.json')!.toString()).files
    expect(canonicalHashList(listed)).toMatch(/^sha384-\S+ assets\//)
  })

  it('refuses to sign an archive changed after packing', async () => {
    const tampered = new Map(files)
    tampered.set('remoteEntry.js', Buffer.from('alert(1)\n'))
    tampered.delete(SIGNATURE_FILE_NAME)
    const path = join(work, 'tampered.tar.gz')
    await writeFile(path, await writeTarGz(tampered))
    await expect(
      runCli(['sign', path, '--key', join(work, 'vendor-key.pem')], quiet)
    ).rejects.toThrow(/remoteEntry\.js does not match its hash/)
    const added = new Map(files)
    added.set('assets/extra.js', Buffer.from('export {}\n'))
    await writeFile(path, await writeTarGz(added))
    await expect(
      runCli(['sign', path, '--key', join(work, 'vendor-key.pem')], quiet)
    ).rejects.toThrow(/assets\/extra\.js is not listed/)
  })
})
