import { closeLive, configureLive, useJobsStore, type JobProgress } from '@ia/sdk'
import { uiMessages } from '@ia/ui'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useContactImport } from '../src/composables/contact-import'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import ContactImportView from '../src/views/ContactImportView.vue'
import type { ContactImport } from '../src/types'
import { importFixture, signedInOrganization, stubFetch } from './helpers'

/** An EventSource that never connects: the tests hand job messages to the jobs store themselves. */
class SilentEventSource extends EventTarget {
  readyState = 0
  close(): void {
    this.readyState = 2
  }
}

const progress = (overrides: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'job-1',
  organizationId: '42',
  name: 'contacts.import',
  label: { fr: 'Import de contacts (clients.csv)', en: 'Contacts import (clients.csv)' },
  status: 'running',
  percent: 0,
  message: null,
  ...overrides,
})

const completed = importFixture({
  status: 'completed',
  imported: 2,
  skipped: 2,
  finishedAt: '2025-03-01T10:00:05.000Z',
  errors: [
    { line: 4, field: 'email', message: 'Saisissez une adresse e-mail valide.' },
    {
      line: 5,
      field: 'email',
      message: 'Cette adresse e-mail figure déjà à la ligne 3 du fichier.',
    },
  ],
})

/** The preview of a three-row file, mapped as `mapping` says (by default, as its headers say). */
function previewOf(mapping: Record<string, number> = { name: 0, kind: 1, email: 2 }) {
  return {
    header: ['Raison', 'type', 'Courriel'],
    sample: [
      ['Société Minière', 'société', 'achats@smk.cd'],
      ['Jean Mbuyi', 'personne', 'jean@example.cd'],
      ['Pharmacie', 'société', 'pas-un-email'],
    ],
    mapping,
    missing: mapping.name === undefined ? ['name'] : [],
    rows:
      mapping.name === undefined
        ? []
        : [
            { line: 2, data: { name: 'Société Minière', kind: 'company' }, errors: [] },
            {
              line: 3,
              data: {
                name: 'Jean Mbuyi',
                kind: 'person',
                archivedAt: '2024-01-15T00:00:00.000+01:00',
              },
              errors: [],
            },
            {
              line: 4,
              data: { name: 'Pharmacie', kind: 'company' },
              errors: [{ field: 'email', message: 'Saisissez une adresse e-mail valide.' }],
            },
          ],
    valid: mapping.name === undefined ? 0 : 2,
    invalid: mapping.name === undefined ? 0 : 1,
    ignoredColumns: [],
  }
}

/** The mapping a request sent as form fields, the columns as numbers (empty: none). */
function sentMapping(body: BodyInit | null | undefined): Record<string, number | null> {
  const form = body as FormData
  const mapping: Record<string, number | null> = {}
  for (const [key, value] of form.entries()) {
    const field = /^mapping\[(\w+)]$/.exec(key)?.[1]
    if (field) mapping[field] = value === '' ? null : Number(value)
  }
  return mapping
}

/** The server: the preview, the import queued, then the import as the test says it stands. */
function server(state: { import: ContactImport; preview?: ReturnType<typeof previewOf> }) {
  return stubFetch((url, method) => {
    if (url.endsWith('/contacts/import/preview')) return state.preview ?? previewOf()
    if (url.endsWith('/contacts/import') && method === 'POST') return { import: importFixture() }
    if (url.includes('/contacts/imports/')) return { import: state.import }
    return {}
  })
}

async function mountView(locale: 'fr' | 'en', path = '/contacts/import') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/contacts', name: 'contacts.list', component: { render: () => null } },
      { path: '/contacts/import', name: 'contacts.import', component: ContactImportView },
    ],
  })
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'fr',
    missingWarn: false,
    fallbackWarn: false,
    messages: { fr: { ...fr, ...uiMessages.fr }, en: { ...en, ...uiMessages.en } },
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(ContactImportView, {
    global: { plugins: [router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

async function chooseFile(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) {
  const input = wrapper.find('input[type="file"]')
  Object.defineProperty(input.element, 'files', {
    value: [new File(['nom\nA\n'], 'clients.csv', { type: 'text/csv' })],
  })
  await input.trigger('change')
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

async function chooseAndConfirm(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) {
  await chooseFile(wrapper)
  const confirm = wrapper
    .findAll('button')
    .find((button) => /Importer 2 contacts|Import 2 contacts/.test(button.text()))!
  await confirm.trigger('click')
  await flushPromises()
}

describe('contact import', () => {
  beforeEach(() => {
    signedInOrganization(42)
    configureLive({ eventSourceFactory: () => new SilentEventSource() as unknown as EventSource })
  })

  afterEach(() => {
    closeLive()
    vi.unstubAllGlobals()
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('follows the job: live progress, then the result read from the server once the job completes', async () => {
    const state = { import: importFixture() }
    const calls = server(state)
    const follower = mount(
      defineComponent({
        setup: () => ({ follow: useContactImport({ pollMs: 60_000 }) }),
        render: () => h('div'),
      })
    )
    const { follow } = follower.vm as unknown as { follow: ReturnType<typeof useContactImport> }
    expect(follow.phase.value).toBe('idle')

    await follow.start(new File(['nom\nA\n'], 'clients.csv'))
    expect(follow.phase.value).toBe('running')
    expect(follow.percent.value).toBe(0)

    const jobs = useJobsStore()
    jobs.apply(
      progress({
        percent: 40,
        message: { fr: 'Enregistrement des contacts : 2 sur 4', en: 'Saving contacts: 2 of 4' },
      })
    )
    await flushPromises()
    expect(follow.percent.value).toBe(40)
    expect(follow.message.value?.fr).toBe('Enregistrement des contacts : 2 sur 4')
    jobs.apply(progress({ jobId: 'another-job', percent: 90 }))
    jobs.apply(progress({ percent: 30 }))
    await flushPromises()
    expect(follow.percent.value).toBe(40)

    state.import = completed
    jobs.apply(progress({ status: 'completed', percent: 100 }))
    await flushPromises()
    expect(calls.filter((call) => call.url.endsWith('/contacts/imports/imp-1'))).toHaveLength(1)
    expect(follow.phase.value).toBe('completed')
    expect(follow.current.value?.imported).toBe(2)
    follower.unmount()
  })

  it('reads the import again every few seconds while it runs, in case a live message was missed', async () => {
    vi.useFakeTimers()
    const state = { import: importFixture() }
    const calls = server(state)
    const follower = mount(
      defineComponent({
        setup: () => ({ follow: useContactImport({ pollMs: 1000 }) }),
        render: () => h('div'),
      })
    )
    const { follow } = follower.vm as unknown as { follow: ReturnType<typeof useContactImport> }
    await follow.resume('imp-1')
    state.import = completed
    await vi.advanceTimersByTimeAsync(1000)
    expect(follow.phase.value).toBe('completed')
    const reads = calls.filter((call) => call.url.endsWith('/contacts/imports/imp-1')).length
    await vi.advanceTimersByTimeAsync(5000)
    expect(calls.filter((call) => call.url.endsWith('/contacts/imports/imp-1'))).toHaveLength(reads)
    follower.unmount()
  })

  it('says so when the job fails for good, or when the server refused the file as a whole', async () => {
    server({ import: importFixture() })
    const follower = mount(
      defineComponent({
        setup: () => ({ follow: useContactImport({ pollMs: 60_000 }) }),
        render: () => h('div'),
      })
    )
    const { follow } = follower.vm as unknown as { follow: ReturnType<typeof useContactImport> }
    await follow.start(new File(['nom\nA\n'], 'clients.csv'))
    useJobsStore().apply(progress({ status: 'failed', percent: 10 }))
    await flushPromises()
    expect(follow.phase.value).toBe('failed')

    server({
      import: importFixture({
        status: 'failed',
        error: { code: 'E_IMPORT_FILE_MISSING', message: 'Le fichier…' },
      }),
    })
    await follow.resume('imp-1')
    expect(follow.phase.value).toBe('failed')
    follower.unmount()
  })

  it('shows a progress bar while the job runs, then the created count and the per-row errors (fr)', async () => {
    const state = { import: importFixture() }
    server(state)
    const { wrapper, router } = await mountView('fr')
    await chooseAndConfirm(wrapper)

    expect(router.currentRoute.value.query.import).toBe('imp-1')
    const bar = wrapper.get('[role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBe('0')
    expect(wrapper.text()).toContain('Import en cours')
    expect(wrapper.text()).toContain('clients.csv · 4 lignes')
    expect(wrapper.text()).toContain('En attente de traitement…')

    useJobsStore().apply(
      progress({ percent: 55, message: { fr: 'Finalisation : 1 sur 2', en: 'Finishing: 1 of 2' } })
    )
    await flushPromises()
    expect(bar.attributes('aria-valuenow')).toBe('55')
    expect(wrapper.text()).toContain('55 %')
    expect(wrapper.text()).toContain('Finalisation : 1 sur 2')

    state.import = completed
    useJobsStore().apply(progress({ status: 'completed', percent: 100 }))
    await flushPromises()
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Import terminé')
    expect(wrapper.text()).toContain('2 contacts importés')
    expect(wrapper.text()).toContain('2 lignes ignorées')
    const rows = wrapper.findAll('tbody tr').map((row) => row.text())
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('4')
    expect(rows[0]).toContain('E-mail')
    expect(rows[0]).toContain('Saisissez une adresse e-mail valide.')
    wrapper.unmount()
  })

  it("shows the rows to fix first, each problem under the field's label, and the import button above the rows", async () => {
    server({ import: importFixture() })
    const { wrapper } = await mountView('fr')
    await chooseFile(wrapper)
    const rows = wrapper.findAll('tbody tr').map((row) => row.text())
    expect(rows[0]).toContain('Pharmacie')
    expect(rows[0]).toContain('E-mail : Saisissez une adresse e-mail valide.')
    expect(rows[1]).not.toContain('Archivé')
    expect(rows[2]).toContain('Archivé')
    const html = wrapper.html()
    expect(html.indexOf('Importer 2 contacts')).toBeLessThan(html.indexOf('<tbody'))
    wrapper.unmount()
  })

  it('maps a column by hand: the file is checked again with the mapping, and imported with it', async () => {
    const state: Parameters<typeof server>[0] = {
      import: importFixture(),
      preview: previewOf({ kind: 1, email: 2 }),
    }
    const calls = server(state)
    const { wrapper } = await mountView('en')
    await chooseFile(wrapper)
    expect(wrapper.text()).toContain("No column gives the contacts' names: choose it below.")
    expect(wrapper.find('details').attributes('open')).toBeDefined()
    expect(wrapper.find('[data-field="email"]').text()).toContain('achats@smk.cd')
    expect(wrapper.find('[data-field="email"]').text()).toContain('pas-un-email')
    expect(wrapper.find('[data-field="name"]').text()).toContain('No value')

    state.preview = previewOf({ name: 0, kind: 1, email: 2 })
    const select = wrapper
      .findAllComponents({ name: 'UiSelect' })
      .find((component) => component.element.closest?.('[data-field="name"]'))
    ;(select ?? wrapper.findAllComponents({ name: 'UiSelect' })[0]).vm.$emit(
      'update:modelValue',
      '0'
    )
    await flushPromises()
    const previews = calls.filter((call) => call.url.endsWith('/contacts/import/preview'))
    expect(previews).toHaveLength(2)
    expect(sentMapping(previews[1].body)).toMatchObject({ name: 0, kind: 1, email: 2, phone: null })
    expect(wrapper.find('[data-field="name"]').text()).toContain('Société Minière')

    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Import 2 contacts')!
      .trigger('click')
    await flushPromises()
    const sent = calls.find(
      (call) => call.url.endsWith('/contacts/import') && call.method === 'POST'
    )!
    expect(sentMapping(sent.body)).toMatchObject({ name: 0, kind: 1, email: 2, phone: null })
    wrapper.unmount()
  })

  it('comes back to an import from the address, in English', async () => {
    server({ import: completed })
    const { wrapper } = await mountView('en', '/contacts/import?import=imp-1')
    expect(wrapper.text()).toContain('Import finished')
    expect(wrapper.text()).toContain('2 contacts imported')
    expect(wrapper.text()).toContain('2 rows skipped')
    expect(wrapper.text()).toContain('Skipped rows and their problems')
    const rejected = wrapper
      .findAll('a')
      .find((link) => link.text() === 'Download the skipped rows (CSV)')!
    expect(rejected.attributes('href')).toBe('/api/v1/orgs/42/contacts/imports/imp-1/rejected.csv')

    wrapper
      .findAll('button')
      .find((button) => button.text() === 'Import another file')!
      .trigger('click')
    await flushPromises()
    expect(wrapper.find('input[type="file"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('tells in English that a failed job can be retried by an administrator', async () => {
    server({ import: importFixture() })
    const { wrapper } = await mountView('en', '/contacts/import?import=imp-1')
    expect(wrapper.text()).toContain('Import in progress')
    expect(wrapper.text()).toContain('Waiting to start…')
    useJobsStore().apply(progress({ status: 'failed' }))
    await flushPromises()
    expect(wrapper.text()).toContain('The import failed.')
    expect(wrapper.text()).toContain('An administrator can retry it from the Jobs page')
    wrapper.unmount()
  })
})
