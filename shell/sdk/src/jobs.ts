import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveChannel } from './live'
import { usePlatformSession } from './session'
import type { JobProgress } from './types'

/** How long a finished job stays in the tray (ms). */
export const FINISHED_JOB_VISIBLE_MS = 8000

/** A job as the tray shows it. */
export interface TrackedJob extends JobProgress {
  /** When the last update arrived (ms since epoch). */
  updatedAt: number
}

/** The jobs of the user (and organisation-wide ones) the live channels reported; finished ones fade after a while. */
export const useJobsStore = defineStore('platform-jobs', () => {
  const jobs = ref<TrackedJob[]>([])
  const timers = new Map<string, ReturnType<typeof setTimeout>>()

  const running = computed(() =>
    jobs.value.filter((job) => job.status === 'queued' || job.status === 'running')
  )
  const visible = computed(() => jobs.value.length > 0)

  function dismiss(jobId: string): void {
    jobs.value = jobs.value.filter((job) => job.jobId !== jobId)
    const timer = timers.get(jobId)
    if (timer) clearTimeout(timer)
    timers.delete(jobId)
  }

  /** Takes one progress message in: a new job appears, a known one moves on; percent never goes back while running. */
  function apply(message: JobProgress): void {
    const known = jobs.value.find((job) => job.jobId === message.jobId)
    if (
      known &&
      (known.status === 'completed' || known.status === 'failed') &&
      message.status !== 'failed'
    )
      return
    const percent =
      message.status === 'completed'
        ? 100
        : known && message.status === 'running'
          ? Math.max(known.percent, message.percent)
          : message.percent
    const next: TrackedJob = { ...message, percent, updatedAt: Date.now() }
    jobs.value = known
      ? jobs.value.map((job) => (job.jobId === message.jobId ? next : job))
      : [...jobs.value, next]
    if (message.status === 'completed' || message.status === 'failed') {
      const timer = timers.get(message.jobId)
      if (timer) clearTimeout(timer)
      timers.set(
        message.jobId,
        setTimeout(() => dismiss(message.jobId), FINISHED_JOB_VISIBLE_MS)
      )
    }
  }

  function reset(): void {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
    jobs.value = []
  }

  return { jobs, running, visible, apply, dismiss, reset }
})

/**
 * The jobs tray's data, kept live: follows `users/<me>/jobs` and `orgs/<current organisation>/jobs`
 * while the calling component lives. With `jobId`, `job` is that one job (e.g. the import a remote started).
 */
export function useJobProgress(jobId?: string) {
  const session = usePlatformSession()
  const store = useJobsStore()
  useLiveChannel<JobProgress>(
    () => (session.user ? `users/${session.user.id}/jobs` : null),
    store.apply
  )
  useLiveChannel<JobProgress>(
    () => (session.currentOrgId !== null ? `orgs/${session.currentOrgId}/jobs` : null),
    store.apply
  )
  const job = computed(() =>
    jobId ? (store.jobs.find((candidate) => candidate.jobId === jobId) ?? null) : null
  )
  return { store, jobs: computed(() => store.jobs), running: computed(() => store.running), job }
}
