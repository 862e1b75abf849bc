import vue from '@vitejs/plugin-vue'
import type { ViteUserConfig } from 'vitest/config'

/** What a package may change of the shared test settings. */
export type TestOptions = NonNullable<ViteUserConfig['test']>

/**
 * The Vitest settings of every Vue package, the shell's and the remotes': Vue files compiled, workspace
 * packages read from their sources (the `development` export condition), a DOM, and `tests/**\/*.test.ts`.
 */
export function defineTestConfig(test: TestOptions = {}): ViteUserConfig {
  return {
    plugins: [vue()],
    resolve: { conditions: ['development'] },
    test: { environment: 'happy-dom', include: ['tests/**/*.test.ts'], ...test },
  }
}
