import type { ApiError } from './errors'
import { createHttpClient } from './http'
import type { Locale } from './types'

/** Where notifications go; the shell plugs in the UI kit's toasts. */
export interface Notifier {
  success(message: string): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
}

/** Host services the shell hands to the SDK once at start-up. */
export interface SdkConfig {
  getLocale: () => Locale
  notifier: Notifier | null
  onUnauthorized: (error: ApiError) => void
  /** The scoped token of a sandboxed vendor module (set by the frame host); null in the shell, which uses its session. */
  getBearerToken: () => string | null
  /** Reads the organisation's modules again and updates the navigation (the shell's module host). */
  refreshModules: () => Promise<void>
}

const config: SdkConfig = {
  getLocale: () => 'fr',
  notifier: null,
  onUnauthorized: () => {},
  getBearerToken: () => null,
  refreshModules: () => Promise.resolve(),
}

/** Called by the shell at start-up; remotes never call it. */
export function configureSdk(options: Partial<SdkConfig>): void {
  Object.assign(config, options)
}

/** The current host services. */
export function sdkConfig(): Readonly<SdkConfig> {
  return config
}

/** The client every SDK function and remote uses: same origin, cookie session, CSRF, current language. */
export const http = createHttpClient({
  getLocale: () => config.getLocale(),
  onUnauthorized: (error) => config.onUnauthorized(error),
  getBearerToken: () => config.getBearerToken(),
})

/** What a remote may ask of the shell's module list: after it installed, enabled, disabled or removed a module, `refresh()`. */
export function useShellModules(): { refresh: () => Promise<void> } {
  return { refresh: () => config.refreshModules() }
}
