import { closeLive, configureLive, useJobsStore, type JobProgress } from '@ia/sdk'
import { signedInOrganization, stubFetch } from '@ia/sdk/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { RateImport } from '../src/api/currencies'
import { useRateImport } from '../src/composables/rate-import'

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
  name: 'currencies.import_rates',
  label: { fr: 'Import des taux : taux.csv', en: 'Rate import: taux.csv' },
  status: 'running',
  percent: 0,
  message: null,
  ...overrides,
})

function importFixture(overrides: Partial<RateImport> = {}): RateImport {
  return {
    id: 'imp-1',
    jobId: 'job-1',
    status: 'queued',
    fileName: 'taux.csv',
    rows: 3,
    imported: null,
    rejected: [],
    error: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  }
}

function follower() {
  const wrapper = mount(
    defineComponent({
      setup: () => ({ follow: useRateImport({ pollMs: 60_000 }) }),
      render: () => h('div'),
    })
  )
  return (wrapper.vm as unknown as { follow: ReturnType<typeof useRateImport> }).follow
}

describe('rate import', () => {
  beforeEach(() => {
    signedInOrganization(42)
    configureLive({ eventSourceFactory: () => new SilentEventSource() as unknown as EventSource })
  })

  afterEach(() => {
    closeLive()
    vi.unstubAllGlobals()
  })

  it('follows the job: live progress that never goes back, then the refused rows read from the server', async () => {
    const state = { import: importFixture() }
    const calls = stubFetch((url, method) => {
      if (url.endsWith('/currencies/rates/import') && method === 'POST')
        return { import: importFixture() }
      if (url.includes('/currencies/rates/imports/')) return { import: state.import }
      return {}
    })
    const follow = follower()
    expect(follow.phase.value).toBe('idle')
    await follow.start(new File(['date;base;cotation;taux\n'], 'taux.csv'))
    expect(follow.phase.value).toBe('running')

    const jobs = useJobsStore()
    jobs.apply(
      progress({
        percent: 50,
        message: { fr: '1 taux enregistrés sur 2', en: '1 of 2 rates recorded' },
      })
    )
    await flushPromises()
    expect(follow.percent.value).toBe(50)
    expect(follow.message.value?.en).toBe('1 of 2 rates recorded')
    jobs.apply(progress({ jobId: 'another-job', percent: 90 }))
    jobs.apply(progress({ percent: 20 }))
    await flushPromises()
    expect(follow.percent.value).toBe(50)

    state.import = importFixture({
      status: 'completed',
      imported: 2,
      rejected: [
        { line: 4, field: 'rate', message: 'Taux invalide : « abc » (un nombre positif).' },
      ],
    })
    jobs.apply(progress({ status: 'completed', percent: 100 }))
    await flushPromises()
    expect(
      calls.filter((call) => call.url.endsWith('/currencies/rates/imports/imp-1'))
    ).toHaveLength(1)
    expect(follow.phase.value).toBe('completed')
    expect(follow.current.value?.rejected[0].line).toBe(4)
  })

  it('a job that failed for good, or a file refused by the job, is shown as failed', async () => {
    let queued = importFixture()
    stubFetch((url) =>
      url.includes('/currencies/rates/imports/')
        ? {
            import: importFixture({
              ...queued,
              status: 'failed',
              error: { code: 'E_RATE_IMPORT_UNREADABLE', message: 'Fichier illisible' },
            }),
          }
        : { import: queued }
    )
    const follow = follower()
    await follow.start(new File(['x'], 'taux.csv'))
    useJobsStore().apply(progress({ status: 'failed', percent: 10 }))
    await flushPromises()
    expect(follow.phase.value).toBe('failed')

    queued = importFixture({ id: 'imp-2', jobId: 'job-2' })
    const again = follower()
    await again.start(new File(['x'], 'taux.csv'))
    useJobsStore().apply(progress({ jobId: 'job-2', status: 'completed', percent: 100 }))
    await flushPromises()
    expect(again.phase.value).toBe('failed')
    expect(again.current.value?.error?.message).toBe('Fichier illisible')
  })
})
