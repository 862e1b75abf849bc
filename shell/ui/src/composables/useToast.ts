import { reactive, readonly } from 'vue'
import type { Tone } from '../types'

/** A notification shown by UiToastContainer. */
export interface Toast {
  id: number
  tone: Extract<Tone, 'success' | 'warning' | 'danger' | 'info'>
  message: string
  title?: string
  /** Milliseconds before it disappears (UiToastContainer counts them, paused while hovered); 0 keeps it until dismissed. */
  timeout: number
}

/** Options accepted when showing a toast. */
export interface ToastOptions {
  title?: string
  timeout?: number
}

const state = reactive<{ items: Toast[] }>({ items: [] })
let nextId = 1

function dismiss(id: number): void {
  const index = state.items.findIndex((toast) => toast.id === id)
  if (index !== -1) state.items.splice(index, 1)
}

function show(tone: Toast['tone'], message: string, options: ToastOptions = {}): number {
  const id = nextId++
  const timeout = options.timeout ?? (tone === 'danger' ? 8000 : 5000)
  state.items.push({ id, tone, message, title: options.title, timeout })
  return id
}

function clear(): void {
  for (const toast of [...state.items]) dismiss(toast.id)
}

const api = {
  toasts: readonly(state).items,
  success: (message: string, options?: ToastOptions) => show('success', message, options),
  info: (message: string, options?: ToastOptions) => show('info', message, options),
  warning: (message: string, options?: ToastOptions) => show('warning', message, options),
  error: (message: string, options?: ToastOptions) => show('danger', message, options),
  dismiss,
  clear,
}

/** The toast queue shared by the whole page (shell and remotes alike). */
export type ToastApi = typeof api

/** Shows and dismisses toasts; every caller shares one queue rendered by UiToastContainer. */
export function useToast(): ToastApi {
  return api
}
