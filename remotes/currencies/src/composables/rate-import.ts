import { useJobProgress, type LocalizedText } from '@ia/sdk'
import { computed, onScopeDispose, ref, watch } from 'vue'
import { getRateImport, importRates, type RateImport } from '../api/currencies'

/** Where the import the screen follows stands. */
export type RateImportPhase = 'idle' | 'running' | 'completed' | 'failed'

/** How often the import is read again while its job runs, in case a live message was missed (ms). */
export const IMPORT_POLL_MS = 5000

/**
 * Sends a rates file and follows its job: the live progress from the SDK while it runs, then the
 * result the server recorded, read again when the job says it is done and every few seconds in case
 * the live connection missed that message.
 */
export function useRateImport(options: { pollMs?: number } = {}) {
  const { jobs } = useJobProgress()
  const current = ref<RateImport | null>(null)
  /** How far the job is, 0 to 100; it never goes back. */
  const percent = ref(0)
  const message = ref<LocalizedText | null>(null)
  /** Whether the job failed for good (after its retries). */
  const jobFailed = ref(false)

  const phase = computed<RateImportPhase>(() => {
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
  function refresh(): Promise<void> {
    const id = current.value?.id
    if (!id) return Promise.resolve()
    reading ??= getRateImport(id)
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

  async function start(file: File): Promise<RateImport> {
    const queued = await importRates(file)
    current.value = queued
    percent.value = 0
    message.value = null
    jobFailed.value = false
    return queued
  }

  function reset(): void {
    current.value = null
    percent.value = 0
    message.value = null
    jobFailed.value = false
  }

  return { current, phase, percent, message, start, reset }
}
