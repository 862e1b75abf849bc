import { join } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/drive'
import { S3Driver } from '@adonisjs/drive/drivers/s3'
import { localDiskDriver, s3DriverOptions } from '@ia/platform/config'

const bucket = env.get('S3_BUCKET')

/** S3 when S3_BUCKET is set; otherwise the local disk under DATA_DIR/files, served by a signed route. */
const driveConfig = defineConfig({
  default: bucket ? 's3' : 'local',
  services: {
    local: () => localDiskDriver(join(env.get('DATA_DIR', app.makePath('../.data')), 'files')),
    ...(bucket
      ? {
          s3: () =>
            new S3Driver(
              s3DriverOptions({
                bucket,
                region: env.get('S3_REGION')!,
                endpoint: env.get('S3_ENDPOINT'),
                accessKeyId: env.get('S3_ACCESS_KEY_ID'),
                secretAccessKey: env.get('S3_SECRET_ACCESS_KEY'),
                forcePathStyle: env.get('S3_FORCE_PATH_STYLE', false),
              })
            ),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
