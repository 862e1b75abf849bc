/*
 * HTTP server entry point.
 */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.ts'
import { createHttpServer } from '#exceptions/raw_http_errors'

createIgnitor()
  .httpServer()
  .start(createHttpServer)
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
