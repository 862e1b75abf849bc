import { join } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import { FileMailTransport } from '@ia/platform/config'

/** SMTP when SMTP_HOST is set; otherwise every mail is written to DATA_DIR/mails as an .eml file. */
const mailConfig = defineConfig({
  default: env.get('SMTP_HOST') ? 'smtp' : 'file',
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@ia-solution.local'),
    name: env.get('MAIL_FROM_NAME', 'IA-Solution'),
  },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', 'localhost'),
      port: env.get('SMTP_PORT', 587),
      secure: env.get('SMTP_SECURE', false),
      auth: env.get('SMTP_USERNAME')
        ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),
    file: () => new FileMailTransport(join(env.get('DATA_DIR', app.makePath('../.data')), 'mails')),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
