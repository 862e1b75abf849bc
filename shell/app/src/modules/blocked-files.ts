import { reactive } from 'vue'
import { IntegrityMessage, moduleOfPath, type BlockReason } from '../sw/integrity'

/** A file of a module the integrity check refused. */
export interface BlockedFile {
  path: string
  reason: BlockReason | 'no-response'
}

const REASONS = new Set<BlockedFile['reason']>([
  'unlisted',
  'mismatch',
  'unsupported-algorithm',
  'no-response',
])
const byModule = reactive(new Map<string, BlockedFile>())

/** Records a refused file against its module (the last one refused is the one shown). */
export function recordBlockedFile(path: string, reason: string): void {
  const moduleId = moduleOfPath(path)
  if (!moduleId || !REASONS.has(reason as BlockedFile['reason'])) return
  byModule.set(moduleId, { path, reason: reason as BlockedFile['reason'] })
}

/** The file of this module the integrity check refused, if any (reactive). */
export function blockedFileOf(moduleId: string): BlockedFile | null {
  return byModule.get(moduleId) ?? null
}

/** Forgets a module's refused file, before loading it again. */
export function forgetBlockedFile(moduleId: string): void {
  byModule.delete(moduleId)
}

/** Listens to the service worker's reports of refused files. */
export function listenForBlockedFiles(container: ServiceWorkerContainer | undefined): void {
  container?.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; path?: unknown; reason?: unknown } | null
    if (
      data?.type === IntegrityMessage.blocked &&
      typeof data.path === 'string' &&
      typeof data.reason === 'string'
    )
      recordBlockedFile(data.path, data.reason)
  })
}
