import { test } from '@japa/runner'
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { Mailer } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { mails } from '../../../contracts/mail.ts'
import { files } from '../../../contracts/files.ts'
import {
  deliverMail,
  sendMailPayload,
  SEND_MAIL_JOB,
} from '../../../app/services/mail/transactional_mail.ts'
import { FileMailTransport } from '../../../app/services/file_mail_transport.ts'
import { createOwnerWithOrganization, runQueuedJobs } from '../../helpers.ts'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)

/** A local SMTP server that keeps every message it receives, parsed. */
async function startSmtpServer() {
  const received: { envelope: { from: string; to: string[] }; mail: ParsedMail }[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream, { keepCidLinks: true })
        .then((parsed) => {
          received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
            mail: parsed,
          })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return { server, port, received }
}

test.group('Mail / templates sent by the job over SMTP', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>

  group.setup(async () => {
    smtp = await startSmtpServer()
    // The application's mail service sends through the test server, as SMTP_HOST makes it do.
    const mailers = mail.config.mailers as Record<string, unknown>
    const configuredDefault = mail.config.default
    mailers.testSmtp = () =>
      new SMTPTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
    mail.config.default = 'testSmtp' as typeof configuredDefault
    return async () => {
      await mail.close('testSmtp' as typeof configuredDefault & string)
      mail.config.default = configuredDefault
      delete mailers.testSmtp
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()))
    }
  })
  group.each.setup(() => {
    smtp.received.length = 0
    return testUtils.db().withGlobalTransaction()
  })

  test('an invitation is queued with the business change, then sent in French with the organisation name and logo', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization(
      'Boulangerie du Fleuve <b>&</b>'
    )
    const logo = await files.put(organization.id, 'platform/logo-test.png', PNG, {
      contentType: 'image/png',
    })
    organization.logoPath = logo.path
    await organization.save()

    await db.transaction(async (trx) => {
      await mails.send(
        {
          template: 'platform.invitation',
          to: 'kabila@example.cd',
          locale: 'fr',
          organizationId: organization.id,
          data: {
            inviter: owner.fullName,
            organization: organization.name,
            url: 'http://localhost:3334/invitations/jeton-secret',
          },
        },
        { client: trx }
      )
    })
    const row = await db
      .from('platform.outbox')
      .where('name', SEND_MAIL_JOB)
      .where('organization_id', organization.id)
      .firstOrFail()
    assert.notInclude(
      JSON.stringify(row.payload),
      'jeton-secret',
      'the link is encrypted in the job row'
    )
    assert.lengthOf(smtp.received, 0, 'nothing leaves before the job runs')

    await runQueuedJobs()
    assert.lengthOf(smtp.received, 1)
    const [{ envelope, mail: message }] = smtp.received
    assert.deepEqual(envelope.to, ['kabila@example.cd'])
    assert.equal(message.subject, 'Invitation à rejoindre Boulangerie du Fleuve <b>&</b>')
    assert.include(message.text, 'Boulangerie du Fleuve <b>&</b>')
    assert.include(
      String(message.html),
      'Boulangerie du Fleuve &#60;b&#62;&#38;&#60;/b&#62;',
      'the name is escaped in the HTML part'
    )
    assert.notInclude(String(message.html), '<b>&</b>')
    assert.include(message.text, 'http://localhost:3334/invitations/jeton-secret')
    assert.include(String(message.html), 'href="http://localhost:3334/invitations/jeton-secret"')
    assert.include(String(message.html), 'src="cid:organization-logo"')
    const embedded = message.attachments.find(
      (attachment) => attachment.cid === 'organization-logo'
    )
    assert.exists(embedded)
    assert.equal(embedded!.contentType, 'image/png')
    assert.deepEqual(embedded!.content, PNG)
  })

  test('a mail queued in a transaction that rolls back never leaves', async ({ assert }) => {
    const { organization } = await createOwnerWithOrganization()
    await db
      .transaction(async (trx) => {
        await mails.send(
          {
            template: 'platform.invitation',
            to: 'annule@example.cd',
            locale: 'fr',
            organizationId: organization.id,
            data: { inviter: 'A', organization: 'B', url: 'http://x/invitations/y' },
          },
          { client: trx }
        )
        throw new Error('the business change failed')
      })
      .catch(() => null)
    await runQueuedJobs()
    assert.lengthOf(smtp.received, 0)
  })

  test('verification and reset mails speak English to an English reader, without an organisation', async ({
    assert,
  }) => {
    await deliverMail(
      sendMailPayload({
        template: 'platform.verify_email',
        to: 'amani@example.com',
        locale: 'en',
        data: { name: 'Amani', url: 'http://localhost:3334/verify-email?token=abc' },
      })
    )
    await deliverMail(
      sendMailPayload({
        template: 'platform.password_reset',
        to: 'amani@example.com',
        locale: 'en',
        data: { name: 'Amani', url: 'http://localhost:3334/reset-password?token=def' },
      })
    )
    await deliverMail(
      sendMailPayload({
        template: 'platform.password_reset',
        to: 'amani@example.com',
        locale: 'fr',
        data: { name: 'Amani', url: 'http://localhost:3334/reset-password?token=ghi' },
      })
    )
    assert.deepEqual(
      smtp.received.map((entry) => entry.mail.subject),
      ['Confirm your email address', 'Reset your password', 'Réinitialisez votre mot de passe']
    )
    assert.include(smtp.received[0].mail.text, 'Welcome Amani!')
    assert.include(smtp.received[0].mail.text, 'http://localhost:3334/verify-email?token=abc')
    assert.include(smtp.received[1].mail.text, 'http://localhost:3334/reset-password?token=def')
    assert.include(smtp.received[0].mail.text, 'IA-Solution')
    assert.isEmpty(smtp.received[0].mail.attachments)
  })

  test('a module adds its own template; an unknown template fails in the caller', async ({
    assert,
  }) => {
    mails.defineTemplate<{ number: string }>('testing.invoice_sent', (data, t) => ({
      subject: t.locale === 'fr' ? `Facture ${data.number}` : `Invoice ${data.number}`,
      heading: data.number,
      paragraphs: [t.locale],
    }))
    assert.throws(
      () =>
        mails.defineTemplate('testing.invoice_sent', () => ({
          subject: '',
          heading: '',
          paragraphs: [],
        })),
      /defined twice/
    )
    assert.throws(
      () => mails.defineTemplate('Bad Name', () => ({ subject: '', heading: '', paragraphs: [] })),
      /<module>.<mail>/
    )
    await assert.rejects(
      () => mails.send({ template: 'testing.unknown', to: 'x@example.cd', locale: 'fr', data: {} }),
      /Unknown mail template/
    )

    await deliverMail(
      sendMailPayload({
        template: 'testing.invoice_sent',
        to: 'client@example.cd',
        locale: 'fr',
        data: { number: 'F-2025-0001' },
      })
    )
    assert.equal(smtp.received[0].mail.subject, 'Facture F-2025-0001')
    assert.notInclude(String(smtp.received[0].mail.html), '<a href', 'no action, no button')
  })

  test('a job payload encrypted with another key is refused rather than sent', async ({
    assert,
  }) => {
    const payload = {
      ...sendMailPayload({
        template: 'platform.verify_email',
        to: 'x@example.cd',
        locale: 'fr',
        data: { name: 'X', url: 'http://x' },
      }),
      data: 'not-encrypted',
    }
    await assert.rejects(() => deliverMail(payload), /cannot be decrypted/)
    assert.lengthOf(smtp.received, 0)
  })
})

test.group('Mail / embedded default', () => {
  test('without SMTP, each message is written to an .eml file', async ({ assert, cleanup }) => {
    const directory = await mkdtemp(join(tmpdir(), 'ia-mails-'))
    cleanup(() => rm(directory, { recursive: true, force: true }))
    const mailer = new Mailer('file', new FileMailTransport(directory), emitter, {
      from: { address: 'no-reply@ia-solution.test', name: 'IA-Solution' },
    })
    const send = (subject: string) =>
      mailer.send((message) => {
        message.to('amani@example.com').subject(subject).text('Corps du message')
      })
    await Promise.all([send('Bonjour'), send('Rappel')])
    const written = await readdir(directory)
    assert.lengthOf(written, 2, 'two mails to one person at once are two files')
    for (const file of written) assert.match(file, /amani@example\.com-[0-9a-f]{8}\.eml$/)
    const subjects = await Promise.all(
      written.map(
        async (file) => (await simpleParser(await readFile(join(directory, file)))).subject
      )
    )
    assert.sameMembers(subjects, ['Bonjour', 'Rappel'])
  })
})
