/*
 * A relay or worker process for the jobs tests: the ace command of the same name, in an app that also
 * registers the test handlers (modules/platform/tests/fixtures/test_jobs.ts). Usage: jobs_process.ts jobs:work|jobs:relay
 */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from '../../bin/ignitor.ts'

createIgnitor((app) => {
  app.booted(async () => {
    await import('@ia/platform/testing/test_jobs')
  })
})
  .ace()
  .handle(process.argv.slice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
