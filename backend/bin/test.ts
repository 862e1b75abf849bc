/*
 * Japa test runner entry point.
 */
process.env.NODE_ENV = 'test'

import { prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { createIgnitor } from './ignitor.ts'

/**
 * A test that leaks an open stream or socket would keep the process, and so CI, waiting forever:
 * after the teardown, give handles a few seconds to close, then exit with the runner's verdict.
 */
function exitDespiteLeakedHandles() {
  setTimeout(() => {
    console.error('test process: open handles remained after the teardown; exiting')
    process.exit(process.exitCode ?? 1)
  }, 5000).unref()
}

createIgnitor()
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.ts')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      setup: runnerHooks.setup,
      teardown: runnerHooks.teardown.concat([() => app.terminate(), exitDespiteLeakedHandles]),
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
