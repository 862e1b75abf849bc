import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { BaseSchema } from '@adonisjs/lucid/schema'
import { checkUpload } from '../../app/services/file_storage.ts'
import { platformConfig } from '../../app/services/platform_config.ts'

/** Logos used to be files named `<organizationId>.<ext>` under DATA_DIR/logos: move them into the organisation's file storage. */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const rows: { id: string; logo_path: string }[] = await db
        .from('platform.organizations')
        .whereNotNull('logo_path')
        .whereNot('logo_path', 'like', 'platform/%')
        .select('id', 'logo_path')
      const files = await app.container.make('platform.files')
      for (const row of rows) {
        const bytes = await readFile(join(platformConfig.dataDir, 'logos', row.logo_path)).catch(
          () => null
        )
        const image = bytes
          ? await checkUpload(bytes, {
              field: 'logo',
              maxBytes: 2 * 1024 * 1024,
              types: ['image/png', 'image/jpeg', 'image/webp'],
            }).catch(() => null)
          : null
        let path: string | null = null
        if (bytes && image) {
          path = `platform/logo-${randomUUID()}.${image.extension}`
          await files.put(row.id, path, bytes, { contentType: image.contentType })
        }
        await db.from('platform.organizations').where('id', row.id).update({ logo_path: path })
      }
    })
  }

  async down() {
    // Moved logos stay in the file storage: the old layout has no reader left.
  }
}
