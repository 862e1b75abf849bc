import { access, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { HOST_SHARED } from './shared.ts'
import { MANIFEST_FILE_NAME, VENDOR_MODULE_ID } from './vendor-manifest.ts'

/** Options of `scaffoldVendorModule`. */
export interface ScaffoldOptions {
  /** `<prefix>-<name>`, the prefix being the vendor's. */
  id: string
  /** Folder to create; must not exist yet. */
  dir: string
  /** How the project depends on the kit: a version range, `file:<tarball>` or `workspace:*`. */
  kit?: string
  /** How it depends on the SDK (types and the shared runtime), same forms. */
  sdk?: string
}

/** A 1×1 PNG, the scaffold's screenshot until the vendor takes a real one. */
const PLACEHOLDER_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const sharedRange = (name: string) =>
  HOST_SHARED.find((dependency) => dependency.name === name)!.requiredVersion

function titleOf(id: string) {
  const name = id.slice(id.indexOf('-') + 1).replace(/-/g, ' ')
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** The files of a new vendor module, by path. */
export function vendorModuleFiles(options: Omit<ScaffoldOptions, 'dir'>): Record<string, string> {
  const { id } = options
  if (!VENDOR_MODULE_ID.test(id)) {
    throw new Error(
      `Module id "${id}" must be "<prefix>-<name>": your vendor prefix, a dash, then lowercase letters, digits and dashes.`
    )
  }
  const remoteName = id.replace(/-/g, '_')
  const title = titleOf(id)
  const manifest = {
    id,
    version: '0.1.0',
    name: { fr: title, en: title },
    description: { fr: `Le module ${title}.`, en: `The ${title} module.` },
    changelog: { fr: 'Première version.', en: 'First version.' },
    category: 'productivity',
    icon: 'icon.svg',
    screenshots: ['screenshots/home.png'],
    platform: '>=0.1.0 <1.0.0',
    scopes: ['platform:read'],
    remote: {
      name: remoteName,
      routeBase: `/${id}`,
      navigation: [{ path: `/${id}`, label: { fr: title, en: title }, icon: 'grid' }],
    },
    webhooks: { events: [] },
    hosts: [],
  }
  const packageJson = {
    name: id,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      build: 'ia-vendor build',
      pack: 'ia-vendor pack',
      test: 'vitest run',
    },
    dependencies: {
      '@ia/sdk': options.sdk ?? sharedRange('@ia/sdk'),
      'vue': sharedRange('vue'),
      'vue-i18n': sharedRange('vue-i18n'),
    },
    devDependencies: {
      '@ia/vendor-kit': options.kit ?? '^0.1.0',
      '@vue/test-utils': '^2.4.0',
      'happy-dom': '^21.0.0',
      'typescript': '~5.9.3',
      'vite': '^8.3.0',
      'vitest': '^5.1.0',
    },
  }
  const messages = (lang: 'fr' | 'en') => ({
    [remoteName]: {
      title,
      greeting: lang === 'fr' ? 'Bonjour depuis {name} !' : 'Hello from {name}!',
      clicks: lang === 'fr' ? 'Clics : {count}' : 'Clicks: {count}',
    },
  })
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  return {
    [MANIFEST_FILE_NAME]: json(manifest),
    'package.json': json(packageJson),
    '.gitignore': 'node_modules\ndist\n*.tar.gz\n*.pem\n',
    'vite.config.ts': `import { fileURLToPath } from 'node:url'
import { defineVendorRemoteConfig } from '@ia/vendor-kit'

// Federation name, base path and shared singletons come from module.json; pass extra Vite options as { vite }.
export default defineVendorRemoteConfig({ root: fileURLToPath(new URL('.', import.meta.url)) })
`,
    'vitest.config.ts': `import { defineTestConfig } from '@ia/vendor-kit/vitest'

export default defineTestConfig()
`,
    'tsconfig.json': json({
      extends: '@ia/vendor-kit/tsconfig.remote.json',
      include: ['src', 'tests'],
    }),
    'src/module.ts': `import type { RemoteModule } from '@ia/sdk'
import en from './locales/en.json'
import fr from './locales/fr.json'

// Paths are relative to the module's routeBase (/${id}); strings are namespaced under "${remoteName}".
export default {
  id: '${id}',
  routes: [{ path: '', name: '${id}.home', component: () => import('./HelloPage.vue') }],
  messages: { fr, en },
} satisfies RemoteModule
`,
    'src/HelloPage.vue': `<script setup lang="ts">
import { ref } from 'vue'

const count = ref(0)
</script>

<template>
  <section class="${id}">
    <h1>{{ $t('${remoteName}.title') }}</h1>
    <p>{{ $t('${remoteName}.greeting', { name: '${title}' }) }}</p>
    <button type="button" @click="count++">{{ $t('${remoteName}.clicks', { count }) }}</button>
  </section>
</template>

<style scoped>
.${id} {
  padding: 1rem;
}
</style>
`,
    'src/locales/fr.json': json(messages('fr')),
    'src/locales/en.json': json(messages('en')),
    'public/icon.svg':
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="6" fill="#2563eb"/></svg>\n',
    'tests/hello.test.ts': `import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import HelloPage from '../src/HelloPage.vue'
import module from '../src/module'

describe('${id}', () => {
  it('declares its id and the same message keys in fr and en', () => {
    expect(module.id).toBe('${id}')
    expect(Object.keys(module.messages.fr.${remoteName})).toEqual(Object.keys(module.messages.en.${remoteName}))
  })

  it('counts clicks in the user\\'s language', async () => {
    const i18n = createI18n({ legacy: false, locale: 'fr', messages: module.messages })
    const page = mount(HelloPage, { global: { plugins: [i18n] } })
    await page.get('button').trigger('click')
    expect(page.get('button').text()).toBe('Clics : 1')
  })
})
`,
  }
}

/** Writes a new vendor module to `options.dir` (which must not exist); the paths written. */
export async function scaffoldVendorModule(options: ScaffoldOptions): Promise<string[]> {
  const dir = resolve(options.dir)
  const exists = await access(dir).then(
    () => true,
    () => false
  )
  if (exists) throw new Error(`${dir} already exists: choose a new folder`)
  const files = vendorModuleFiles(options)
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), content)
  }
  await mkdir(join(dir, 'public/screenshots'), { recursive: true })
  await writeFile(join(dir, 'public/screenshots/home.png'), Buffer.from(PLACEHOLDER_PNG, 'base64'))
  return [...Object.keys(files), 'public/screenshots/home.png']
}
