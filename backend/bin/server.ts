/*
 * HTTP server entry point.
 */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.ts'

createIgnitor()
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
