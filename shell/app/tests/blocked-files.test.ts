import { mount } from '@vue/test-utils'
import { install as installUi } from '@ia/ui'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import ModuleChunkError from '../src/components/ModuleChunkError.vue'
import { applyLocale, i18n } from '../src/i18n'
import {
  blockedFileOf,
  forgetBlockedFile,
  listenForBlockedFiles,
  recordBlockedFile,
} from '../src/modules/blocked-files'
import { IntegrityMessage } from '../src/sw/integrity'

const entry = '/marketplace/files/acme-hello/1.0.0/assets/page-x1.js'

function mountPanel() {
  return mount(
    defineComponent({
      render: () => h(ModuleChunkError, { moduleId: 'acme-hello', error: new Error('boom') }),
    }),
    { global: { plugins: [i18n, { install: (app) => installUi(app) }] } }
  )
}

describe('files refused by the integrity check', () => {
  afterEach(() => {
    forgetBlockedFile('acme-hello')
    forgetBlockedFile('contacts')
    applyLocale('fr')
  })

  it('are recorded per module from the service worker’s messages, ignoring anything else', () => {
    const worker = new EventTarget() as ServiceWorkerContainer
    listenForBlockedFiles(worker)
    const send = (data: unknown) => worker.dispatchEvent(new MessageEvent('message', { data }))
    send({ type: IntegrityMessage.blocked, path: entry, reason: 'mismatch' })
    send({ type: IntegrityMessage.blocked, path: '/assets/index.js', reason: 'mismatch' })
    send({ type: 'other', path: '/remotes/contacts/remoteEntry.js', reason: 'unlisted' })
    send({ type: IntegrityMessage.blocked, path: '/remotes/contacts/a.js', reason: 'made-up' })
    expect(blockedFileOf('acme-hello')).toEqual({ path: entry, reason: 'mismatch' })
    expect(blockedFileOf('contacts')).toBeNull()
  })

  it('are named in the module’s error panel, in the user’s language', async () => {
    applyLocale('en')
    const panel = mountPanel()
    expect(panel.text()).toContain('This page of the module could not be loaded')
    recordBlockedFile(entry, 'mismatch')
    await nextTick()
    expect(panel.text()).toContain('This page of the module was blocked')
    expect(panel.text()).toContain(`The file ${entry} changed after the module was reviewed`)
    applyLocale('fr')
    recordBlockedFile(entry, 'unlisted')
    await nextTick()
    expect(panel.text()).toContain('Cette page du module a été bloquée')
    expect(panel.text()).toContain('ne figure pas dans la liste signée')
  })
})
