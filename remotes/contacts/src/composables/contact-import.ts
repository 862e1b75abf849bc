import { useJobProgress, type LocalizedText } from '@ia/sdk'
import { computed, onScopeDispose, ref, watch } from 'vue'
import { getContactImport, importContacts } from '../api/contacts'
import type { ContactImport, ImportMapping } from '../types'

/** Where the import the screen follows stands. */
export type ContactImportPhase = 'idle' | 'running' | 'completed' | 'failed'

/** How often the import is read again while its job runs, in case a live message was missed (ms). */
export const IMPORT_POLL_MS = 5000

/**
 * Starts an import (or picks up one already started) and follows it: the job's live progress from the
 * SDK while it runs, then the result the server recorded. The import is read again when the job says it
 * is done, and every few seconds in case the live connection missed that message.
 */
export function useContactImport(options: { pollMs?: number } = {}) {
  const { jobs } = useJobProgress()

  /** The import as the server last described it; null before one is started. */
  const current = ref<ContactImport | null>(null)
  /** How far the job is, 0 to 100; it never goes back. */
  const percent = ref(0)
  /** What the job says it is doing, in both languages. */
  const message = ref<LocalizedText | null>(null)
  /** Whether the job failed for good (after its retries): the import stays queued until an admin retries it. */
  const jobFailed = ref(false)

  const phase = computed<ContactImportPhase>(() => {
    if (!current.value) return 'idle'
    if (current.value.status === 'completed') return 'completed'
    if (current.value.status === 'failed' || jobFailed.value) return 'failed'
    return 'running'
  })

  const liveJob = computed(() => {
    const jobId = current.value?.jobId
    return jobId ? (jobs.value.find((job) => job.jobId === jobId) ?? null) : null
  })

  let reading: Promise<void> | null = null

  /** Reads the import again; concurrent calls share one request. */
  function refresh(): Promise<void> {
    const id = current.value?.id
    if (!id) return Promise.resolve()
    reading ??= getContactImport(id)
      .then((fresh) => {
        if (current.value?.id === fresh.id) current.value = fresh
      })
      .finally(() => {
        reading = null
      })
    return reading
  }

  watch(liveJob, (job) => {
    if (!job || phase.value !== 'running') return
    if (job.status === 'completed') {
      percent.value = 100
      void refresh().catch(() => {})
    } else if (job.status === 'failed') {
      jobFailed.value = true
    } else {
      percent.value = Math.max(percent.value, job.percent)
      message.value = job.message
    }
  })

  const timer = setInterval(() => {
    if (phase.value === 'running') void refresh().catch(() => {})
  }, options.pollMs ?? IMPORT_POLL_MS)
  onScopeDispose(() => clearInterval(timer))

  function follow(contactImport: ContactImport): void {
    current.value = contactImport
    percent.value = contactImport.status === 'queued' ? 0 : 100
    message.value = null
    jobFailed.value = false
  }

  /** Sends the file, read with `mapping` when given; resolves once the server has queued the import (its job may already be running). */
  async function start(file: File, mapping?: ImportMapping): Promise<ContactImport> {
    const contactImport = await importContacts(file, mapping)
    follow(contactImport)
    return contactImport
  }

  /** Follows an import started earlier (e.g. before the page was reloaded). */
  async function resume(id: ContactImport['id']): Promise<ContactImport> {
    const contactImport = await getContactImport(id)
    follow(contactImport)
    return contactImport
  }

  /** Stops following the import, for another file. */
  function reset(): void {
    current.value = null
    percent.value = 0
    message.value = null
    jobFailed.value = false
  }

  return { current, phase, percent, message, start, resume, reset }
}
