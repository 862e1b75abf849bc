import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Regenerates the SDK's wire types from the OpenAPI document. */
export default class OpenapiTypes extends BaseCommand {
  static commandName = 'openapi:types'
  static description =
    'Write the SDK types (shell/sdk/src/generated/): the API from the OpenAPI document, the permissions from module.json (also for the backend: backend/types/)'
  static options: CommandOptions = { startApp: true }

  async run() {
    // The document is built from the router's route list, complete once the routes are committed.
    const router = await this.app.container.make('router')
    router.commit()
    const types = await import('../app/openapi/api_types.ts')
    const files: [string, string][] = [
      [types.API_TYPES_FILE, await types.generateApiTypes()],
      [types.PERMISSION_TYPES_FILE, types.generatePermissionTypes()],
      [types.BACKEND_PERMISSION_TYPES_FILE, types.generateBackendPermissionTypes()],
    ]
    for (const [file, source] of files) {
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, source)
      this.logger.success(`Wrote ${this.app.relativePath(file)}`)
    }
  }
}
