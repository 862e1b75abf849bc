import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/** Embedded mail transport: writes each message as an .eml file a developer can open. */
export class FileMailTransport implements MailTransportContract {
  readonly #transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  })

  constructor(private readonly directory: string) {}

  async send(message: NodeMailerMessage) {
    const info = await this.#transport.sendMail(message)
    await mkdir(this.directory, { recursive: true })
    const recipient = String(info.envelope.to?.[0] ?? 'unknown').replace(/[^a-zA-Z0-9@._-]/g, '_')
    // Two mails to one person in the same millisecond must not share a file.
    const file = join(
      this.directory,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${recipient}-${randomUUID().slice(0, 8)}.eml`
    )
    await writeFile(file, info.message as Buffer, { flag: 'wx' })
    return new MailResponse(info.messageId, info.envelope as any, { file })
  }

  async close() {
    this.#transport.close()
  }
}
