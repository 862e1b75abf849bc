import { reactive, readonly } from 'vue'

/** What a confirmation asks. */
export interface ConfirmOptions {
  title: string
  message?: string
  confirmLabel?: string
  cancelLabel?: string
  /** 'danger' for what cannot be undone (delete, revoke). */
  tone?: 'primary' | 'danger'
}

interface PendingConfirm extends ConfirmOptions {
  id: number
  resolve: (confirmed: boolean) => void
}

const state = reactive<{ pending: PendingConfirm | null }>({ pending: null })
let nextId = 1

/** Settles the question on screen; UiConfirmDialog calls it with the user's answer. */
export function answerConfirm(confirmed: boolean): void {
  const pending = state.pending
  state.pending = null
  pending?.resolve(confirmed)
}

/** The question UiConfirmDialog shows, if any. */
export const pendingConfirm = readonly(state)

/**
 * Asks the user to confirm, through the one UiConfirmDialog the shell mounts; resolves true when they do.
 * A new question replaces one still open, which counts as refused.
 */
export function useConfirm(): (options: ConfirmOptions) => Promise<boolean> {
  return (options) =>
    new Promise<boolean>((resolve) => {
      answerConfirm(false)
      state.pending = { ...options, id: nextId++, resolve }
    })
}
