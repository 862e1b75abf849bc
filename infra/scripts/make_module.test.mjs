/*
 * `node ace make:module` in a temporary copy of the workspace (its tracked and new files, no
 * node_modules): the generated module installs, shows in module administration and passes its own
 * tests; its remote typechecks, passes its own tests and builds.
 * Run by `npm test` with TEST_DATABASE_URL (the backend tests' database, used in turn).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const PNPM = ['-y', 'pnpm@12.4.2']

function sh(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${result.stdout}\n${result.stderr}`
  assert.equal(
    result.status,
    0,
    `${command} ${args.join(' ')} failed in ${cwd}:\n${output.slice(-4000)}`
  )
  return output
}

test(
  'make:module writes a module that installs and passes its tests, and a remote that passes its tests and builds',
  { timeout: 20 * 60_000 },
  (t) => {
    const copy = mkdtempSync(join(tmpdir(), 'ia-make-module-'))
    t.after(() => rmSync(copy, { recursive: true, force: true }))
    const files = sh('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], ROOT)
      .split('\0')
      .filter(Boolean)
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue
      mkdirSync(dirname(join(copy, file)), { recursive: true })
      cpSync(join(ROOT, file), join(copy, file))
    }
    sh('npx', [...PNPM, 'install', '--prefer-offline'], copy)
    const node = join(copy, 'node_modules', '.bin', 'node')
    const backend = join(copy, 'backend')
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ia_test',
    }

    sh(node, ['ace.js', 'make:module', 'sample'], backend, env)
    for (const file of [
      'modules/sample/module.json',
      'modules/sample/start/routes.ts',
      'remotes/sample/src/module.ts',
      'remotes/sample/tests/sample.test.ts',
    ]) {
      assert.ok(existsSync(join(copy, file)), `${file} was written`)
    }

    const tests = sh(node, ['ace.js', 'test', 'functional', '--files', 'sample/'], backend, env)
    assert.match(tests, /1 passed/)
    assert.match(tests, /Sample \/ items/)
    // The new route is described and the SDK's types were regenerated with it: the platform's checks still pass.
    assert.match(
      sh(node, ['ace.js', 'test', 'functional', '--files', 'openapi/'], backend, env),
      /passed/
    )
    // The backend typechecks with the module in it (its permission, in the regenerated types, included).
    sh(
      node,
      [join(copy, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'],
      backend
    )

    for (const pkg of ['@ia/sdk', '@ia/ui', '@ia/remote-sample'])
      sh('npx', [...PNPM, '--filter', pkg, 'run', 'build'], copy)
    assert.ok(existsSync(join(copy, 'remotes/sample/dist/remoteEntry.js')), 'the remote is built')
    assert.ok(
      existsSync(join(copy, 'remotes/sample/dist/integrity.json')),
      'with its integrity list'
    )
    const remoteTests = sh('npx', [...PNPM, '--filter', '@ia/remote-sample', 'run', 'test'], copy)
    // Vitest colours its summary with terminal escapes (ESC [ ... m): read it without them.
    // eslint-disable-next-line no-control-regex
    assert.match(remoteTests.replace(/\x1b\[[0-9;]*m/g, ''), /Tests\s+2 passed/)
  }
)
