import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  closeLive,
  configureLive,
  FINISHED_JOB_VISIBLE_MS,
  subscribe,
  useJobsStore,
  useNotificationCentre,
  type JobProgress,
  type PlatformNotification,
} from '../src/index'

const job = (overrides: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'job-1',
  organizationId: 'org-1',
  name: 'contacts.import',
  label: { fr: 'Import des contacts', en: 'Contacts import' },
  status: 'running',
  percent: 10,
  message: null,
  ...overrides,
})

const notification = (id: string, readAt: string | null = null): PlatformNotification => ({
  id,
  organizationId: null,
  title: { fr: `Titre ${id}`, en: `Title ${id}` },
  body: { fr: 'Corps', en: 'Body' },
  link: null,
  level: 'info',
  readAt,
  createdAt: '2025-01-01T00:00:00Z',
})

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })

describe('useJobsStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('shows a job when it starts, moves it forward, and hides it a while after it finishes', () => {
    const store = useJobsStore()
    expect(store.visible).toBe(false)
    store.apply(job({ status: 'queued', percent: 0 }))
    store.apply(job({ percent: 40, message: { fr: '400 sur 1000', en: '400 of 1000' } }))
    expect(store.visible).toBe(true)
    expect(store.running.map((tracked) => tracked.percent)).toEqual([40])
    store.apply(job({ percent: 30 }))
    expect(store.jobs[0]!.percent).toBe(40)
    store.apply(job({ status: 'completed', percent: 90 }))
    expect(store.jobs[0]!.percent).toBe(100)
    expect(store.running).toHaveLength(0)
    store.apply(job({ status: 'running', percent: 50 }))
    expect(store.jobs[0]!.status).toBe('completed')
    vi.advanceTimersByTime(FINISHED_JOB_VISIBLE_MS - 1)
    expect(store.visible).toBe(true)
    vi.advanceTimersByTime(1)
    expect(store.visible).toBe(false)
  })

  it('keeps a failed job in the tray with its state, and dismisses on request', () => {
    const store = useJobsStore()
    store.apply(job({ jobId: 'a' }))
    store.apply(job({ jobId: 'b', percent: 70 }))
    store.apply(job({ jobId: 'b', status: 'failed', percent: 70 }))
    expect(store.jobs.map((tracked) => [tracked.jobId, tracked.status])).toEqual([
      ['a', 'running'],
      ['b', 'failed'],
    ])
    store.dismiss('a')
    expect(store.jobs.map((tracked) => tracked.jobId)).toEqual(['b'])
  })
})

describe('useNotificationCentre', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('loads the latest page and applies live messages, trusting the server count', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(200, {
          data: [notification('n1')],
          meta: { total: 1, perPage: 20, currentPage: 1, lastPage: 1, unread: 1 },
        })
      )
    )
    const centre = useNotificationCentre()
    await centre.load()
    expect(centre.unread).toBe(1)
    centre.apply({ type: 'created', notification: notification('n2'), unread: 2 })
    centre.apply({ type: 'created', notification: notification('n2'), unread: 2 })
    expect(centre.items.map((item) => item.id)).toEqual(['n2', 'n1'])
    centre.apply({ type: 'read', ids: ['n1'], unread: 1 })
    expect(centre.items.find((item) => item.id === 'n1')!.readAt).not.toBeNull()
    expect(centre.unread).toBe(1)
    expect(centre.hasUnread).toBe(true)
  })

  it('marks read at once and puts the notification back when the server refuses', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url.endsWith('/auth/csrf')) return new Response(null, { status: 204 })
      if (url.includes('/n1/read'))
        return json(404, { errors: [{ code: 'E_NOT_FOUND', message: 'Introuvable.' }] })
      return new Response(null, { status: 204 })
    })
    vi.stubGlobal('fetch', fetch)
    const centre = useNotificationCentre()
    centre.apply({ type: 'created', notification: notification('n1'), unread: 1 })
    centre.apply({ type: 'created', notification: notification('n2'), unread: 2 })
    await expect(centre.markRead('n1')).rejects.toMatchObject({ status: 404 })
    expect(centre.unread).toBe(2)
    expect(centre.items.every((item) => item.readAt === null)).toBe(true)
    await centre.markRead('n2')
    expect(centre.unread).toBe(1)
    await centre.markAllRead()
    expect(centre.unread).toBe(0)
    expect(centre.items.every((item) => item.readAt !== null)).toBe(true)
    expect(
      fetch.mock.calls.map((call) => String(call[0])).filter((url) => url.includes('notifications'))
    ).toEqual([
      '/api/v1/auth/notifications/n1/read',
      '/api/v1/auth/notifications/n2/read',
      '/api/v1/auth/notifications/read-all',
    ])
  })
})

class FakeEventSource extends EventTarget {
  static last: FakeEventSource | null = null
  readyState = 0
  constructor(readonly url: string) {
    super()
    FakeEventSource.last = this
  }
  open() {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
  }
  emit(channel: string, payload: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ channel, payload }) }))
  }
  close() {
    this.readyState = 2
  }
}

describe('subscribe', () => {
  afterEach(() => {
    closeLive()
    vi.unstubAllGlobals()
  })

  it('opens one stream, subscribes each channel once, hands messages to every handler, unsubscribes after the last', async () => {
    const posts: { path: string; body: { channel: string } }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        posts.push({ path: new URL(request.url).pathname, body: await request.json() })
        return new Response(null, { status: 204 })
      })
    )
    configureLive({
      baseUrl: 'http://app.test',
      eventSourceFactory: (url) => new FakeEventSource(String(url)) as unknown as EventSource,
    })
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = subscribe('users/u1/jobs', first)
    const stopSecond = subscribe('users/u1/jobs', second)
    const source = FakeEventSource.last!
    expect(source.url).toMatch(/^http:\/\/app\.test\/__transmit\/events\?uid=/)
    source.open()
    await vi.waitFor(() => expect(posts).toHaveLength(1))
    expect(posts[0]).toMatchObject({
      path: '/__transmit/subscribe',
      body: { channel: 'users/u1/jobs' },
    })

    source.emit('users/u1/jobs', { percent: 5 })
    source.emit('users/u1/other', { ignored: true })
    expect(first).toHaveBeenCalledWith({ percent: 5 })
    expect(second).toHaveBeenCalledTimes(1)

    stopFirst()
    stopFirst()
    source.emit('users/u1/jobs', { percent: 6 })
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(2)
    stopSecond()
    await vi.waitFor(() =>
      expect(posts.map((post) => post.path)).toEqual([
        '/__transmit/subscribe',
        '/__transmit/unsubscribe',
      ])
    )
  })
})
