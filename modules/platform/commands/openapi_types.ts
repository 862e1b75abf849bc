import { writeFile } from 'node:fs/promises'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Regenerates the SDK's wire types from the OpenAPI document. */
export default class OpenapiTypes extends BaseCommand {
  static commandName = 'openapi:types'
  static description = 'Write the SDK types (shell/sdk/src/generated/): the API from the OpenAPI document, the permissions from module.json'
  static options: CommandOptions = { startApp: true }

  async run() {
    // The document is built from the router's route list, complete once the routes are committed.
    const router = await this.app.container.make('router')
    router.commit()
    const { API_TYPES_FILE, PERMISSION_TYPES_FILE, generateApiTypes, generatePermissionTypes } = await import('../app/openapi/api_types.ts')
    await writeFile(API_TYPES_FILE, await generateApiTypes())
    await writeFile(PERMISSION_TYPES_FILE, generatePermissionTypes())
    for (const file of [API_TYPES_FILE, PERMISSION_TYPES_FILE]) this.logger.success(`Wrote ${this.app.relativePath(file)}`)
  }
}
