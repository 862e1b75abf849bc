/*
 * `ia-vendor`: what a vendor runs to make a marketplace package.
 *   keygen [--out vendor-key.pem]            a new Ed25519 key pair (register the .pub.pem in the marketplace)
 *   scaffold <id> [--dir <dir>] [--kit <spec>] [--sdk <spec>]
 *   build [--dir <dir>]                      vite build of the module (dist/ with integrity.json)
 *   pack [--dir <dir>] [--no-build] [--key <pem>] [--out <file>]
 *                                            module.json + dist + integrity.json in <id>-<version>.tar.gz, signed with --key
 *   sign <archive> --key <pem>               checks the archive's hashes, then adds signature.json
 */
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'vite'
import {
  collectPackageFiles,
  generateVendorKeys,
  packageFileName,
  parseVendorPrivateKey,
  readTarGz,
  signPackage,
  withIntegrity,
  writeTarGz,
} from './package.ts'
import { scaffoldVendorModule } from './scaffold.ts'

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  log: (line: string) => void
}

const USAGE = `Usage: ia-vendor <command>
  keygen [--out vendor-key.pem]
  scaffold <id> [--dir <dir>] [--kit <spec>] [--sdk <spec>]
  build [--dir <dir>]
  pack [--dir <dir>] [--no-build] [--key <private-key.pem>] [--out <file.tar.gz>]
  sign <archive.tar.gz> --key <private-key.pem>`

/** Builds the module in `dir` with its own vite.config.ts. */
export async function buildModule(dir: string): Promise<void> {
  await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'warn' })
}

async function readKey(path: string | undefined) {
  if (!path) throw new Error('--key <private-key.pem> is required')
  return parseVendorPrivateKey(await readFile(path, 'utf8'))
}

/** Runs one command; resolves with the paths it wrote. */
export async function runCli(argv: string[], output: CliOutput = console): Promise<string[]> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dir': { type: 'string' },
      'out': { type: 'string' },
      'key': { type: 'string' },
      'kit': { type: 'string' },
      'sdk': { type: 'string' },
      'no-build': { type: 'boolean' },
    },
  })
  const [command, argument] = positionals
  const dir = resolve(values.dir ?? '.')

  switch (command) {
    case 'keygen': {
      const out = resolve(values.out ?? 'vendor-key.pem')
      const publicOut = out.replace(/(\.pem)?$/, '.pub.pem')
      const keys = generateVendorKeys()
      await writeFile(out, keys.privateKeyPem, { mode: 0o600, flag: 'wx' })
      await chmod(out, 0o600)
      await writeFile(publicOut, keys.publicKeyPem)
      output.log(`private key: ${out} (keep it secret)\npublic key: ${publicOut}\n`)
      output.log(keys.publicKeyPem)
      return [out, publicOut]
    }
    case 'scaffold': {
      if (!argument) throw new Error('scaffold needs a module id: ia-vendor scaffold acme-hello')
      const target = resolve(values.dir ?? argument)
      const written = await scaffoldVendorModule({
        id: argument,
        dir: target,
        kit: values.kit,
        sdk: values.sdk,
      })
      output.log(`${argument}: ${written.length} files in ${target}`)
      return written.map((path) => join(target, path))
    }
    case 'build': {
      await buildModule(dir)
      return [join(dir, 'dist')]
    }
    case 'pack': {
      if (!values['no-build']) await buildModule(dir)
      const { manifest, files } = await collectPackageFiles(dir)
      let packaged = withIntegrity(files)
      if (values.key) packaged = signPackage(packaged, await readKey(values.key))
      const out = resolve(values.out ?? join(dir, packageFileName(manifest)))
      const archive = await writeTarGz(packaged)
      await writeFile(out, archive)
      output.log(
        `${out}: ${packaged.size} files, ${archive.length} bytes${values.key ? ', signed' : ' (unsigned: run ia-vendor sign)'}`
      )
      return [out]
    }
    case 'sign': {
      if (!argument)
        throw new Error('sign needs the archive: ia-vendor sign <file.tar.gz> --key <pem>')
      const archivePath = resolve(argument)
      const signed = signPackage(
        await readTarGz(await readFile(archivePath)),
        await readKey(values.key)
      )
      await writeFile(archivePath, await writeTarGz(signed))
      output.log(`${archivePath}: signed`)
      return [archivePath]
    }
    default:
      throw new Error(command ? `Unknown command "${command}"\n${USAGE}` : USAGE)
  }
}
