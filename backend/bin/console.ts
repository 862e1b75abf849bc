/*
 * Ace console entry point.
 */
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.ts'

createIgnitor()
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
