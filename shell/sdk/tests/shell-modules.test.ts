import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureSdk, useShellModules } from '../src/index'

describe('useShellModules', () => {
  afterEach(() => configureSdk({ refreshModules: () => Promise.resolve() }))

  it("asks the shell's module host to read the modules again", async () => {
    const refreshModules = vi.fn(() => Promise.resolve())
    configureSdk({ refreshModules })
    await useShellModules().refresh()
    expect(refreshModules).toHaveBeenCalledTimes(1)
  })

  it('answers the shell’s failure to the remote that asked', async () => {
    configureSdk({ refreshModules: () => Promise.reject(new Error('manifest unreadable')) })
    await expect(useShellModules().refresh()).rejects.toThrow('manifest unreadable')
  })

  it('does nothing where no shell configured it (a sandboxed frame)', async () => {
    await expect(useShellModules().refresh()).resolves.toBeUndefined()
  })
})
