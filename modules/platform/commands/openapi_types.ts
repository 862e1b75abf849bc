import { writeFile } from 'node:fs/promises'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Regenerates the SDK's wire types from the OpenAPI document. */
export default class OpenapiTypes extends BaseCommand {
  static commandName = 'openapi:types'
  static description = 'Write the API types of the SDK (shell/sdk/src/generated/openapi.ts) from the OpenAPI document'
  static options: CommandOptions = { startApp: true }

  async run() {
    // The document is built from the router's route list, complete once the routes are committed.
    const router = await this.app.container.make('router')
    router.commit()
    const { API_TYPES_FILE, generateApiTypes } = await import('../app/openapi/api_types.ts')
    await writeFile(API_TYPES_FILE, await generateApiTypes())
    this.logger.success(`Wrote ${this.app.relativePath(API_TYPES_FILE)}`)
  }
}
