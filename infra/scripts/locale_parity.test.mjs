/*
 * One locale-parity check for the whole workspace: every French message file has its English twin
 * with the same keys, every message non-empty. Covers the shell packages' and remotes'
 * `src/locales/{fr,en}.json` and the modules' `resources/lang/{fr,en}/*.json`, new ones included.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

function folders(parent) {
  const path = join(ROOT, parent)
  if (!existsSync(path)) return []
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(path, entry.name))
}

/** Every [French file, English file] pair of the workspace. */
function messagePairs() {
  const pairs = []
  for (const pkg of [...folders('shell'), ...folders('remotes')]) {
    const fr = join(pkg, 'src', 'locales', 'fr.json')
    if (existsSync(fr)) pairs.push([fr, join(pkg, 'src', 'locales', 'en.json')])
  }
  for (const module of folders('modules')) {
    const lang = join(module, 'resources', 'lang')
    if (!existsSync(join(lang, 'fr'))) continue
    for (const name of readdirSync(join(lang, 'fr')).filter((file) => file.endsWith('.json'))) {
      pairs.push([join(lang, 'fr', name), join(lang, 'en', name)])
    }
  }
  return pairs
}

/** `a.b.c` for every message of a tree, with its text. */
function messages(tree, prefix = '') {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? messages(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]]
  )
}

const pairs = messagePairs()

test('finds the message files of the shell, the remotes and the modules', () => {
  const names = pairs.map(([fr]) => relative(ROOT, fr))
  for (const expected of [
    'shell/app/src/locales/fr.json',
    'shell/ui/src/locales/fr.json',
    'shell/sdk/src/locales/fr.json',
    'modules/platform/resources/lang/fr/platform.json',
  ]) {
    assert.ok(names.includes(expected), `${expected} is checked`)
  }
})

for (const [frFile, enFile] of pairs) {
  test(`${relative(ROOT, frFile)} and its English twin have the same non-empty messages`, () => {
    assert.ok(existsSync(enFile), `${relative(ROOT, enFile)} is missing`)
    const fr = messages(JSON.parse(readFileSync(frFile, 'utf8')))
    const en = messages(JSON.parse(readFileSync(enFile, 'utf8')))
    assert.deepEqual(en.map(([key]) => key).sort(), fr.map(([key]) => key).sort())
    const empty = [...fr, ...en]
      .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
      .map(([key]) => key)
    assert.deepEqual(empty, [], 'messages without text')
  })
}
