import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { runQueuedJobs } from '@ia/platform/testing'
import { queueReminders, remindersDue } from '../../../app/services/reminders.ts'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  issue,
} from '../../helpers.ts'

const year = DateTime.now().year

/** Runs the daily reminders as if it were `days` days from today. */
async function runDay(days: number) {
  const at = DateTime.now().setZone('Africa/Kinshasa').plus({ days }).set({ hour: 8 })
  await db.transaction((trx) => queueReminders(at.toJSDate(), trx))
  await runQueuedJobs()
}

test.group('Invoicing / overdue reminders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('the schedule is read as the organisation set it', ({ assert }) => {
    const settings = { enabled: true, firstAfterDays: 3, repeatEveryDays: 7, maxReminders: 3 }
    assert.deepEqual(
      [0, 2, 3, 9, 10, 17, 24, 100].map((days) => remindersDue(settings, days)),
      [0, 0, 1, 1, 2, 3, 3, 3]
    )
    assert.equal(remindersDue({ ...settings, repeatEveryDays: null, maxReminders: 1 }, 50), 1)
  })

  test('settings: off by default, then as saved; 422 naming the field for bad input', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization()
    const url = invoicingUrl(organization, '/reminders')
    const initial = await client.get(url).loginAs(owner)
    assert.deepEqual(initial.body().reminders, {
      enabled: false,
      firstAfterDays: 3,
      repeatEveryDays: null,
      maxReminders: 1,
    })
    const put = (body: Record<string, unknown>) =>
      client.put(url).json(body).header('accept-language', 'en').loginAs(owner).withCsrfToken()
    for (const [body, field] of [
      [
        { enabled: true, firstAfterDays: -1, repeatEveryDays: null, maxReminders: 1 },
        'firstAfterDays',
      ],
      [
        { enabled: true, firstAfterDays: 3, repeatEveryDays: null, maxReminders: 11 },
        'maxReminders',
      ],
      [
        { enabled: true, firstAfterDays: 3, repeatEveryDays: null, maxReminders: 3 },
        'repeatEveryDays',
      ],
    ] as const) {
      const refused = await put(body)
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].field, field)
    }
    const saved = await put({
      enabled: true,
      firstAfterDays: 5,
      repeatEveryDays: 10,
      maxReminders: 2,
    })
    saved.assertStatus(200)
    assert.deepEqual(saved.body().reminders, {
      enabled: true,
      firstAfterDays: 5,
      repeatEveryDays: 10,
      maxReminders: 2,
    })
  })

  test('a customer without an email address: the reminder is recorded as skipped on the timeline, once, and the schedule moves on', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const lines = [{ description: 'Conseil', quantity: '1', unitPrice: '1000', taxGroup: 'B' }]
    const invoice = (await createDraft(client, owner, organization, { customerId, lines })).body()
      .document
    ;(await issue(client, owner, organization, invoice.id)).assertStatus(200)
    await client
      .put(invoicingUrl(organization, '/reminders'))
      .json({ enabled: true, firstAfterDays: 3, repeatEveryDays: 7, maxReminders: 2 })
      .loginAs(owner)
      .withCsrfToken()

    await runDay(3)
    await runDay(4)
    await runDay(10)
    assert.lengthOf(mails.messages.sent(), 0)
    const skipped = await db
      .from('invoicing.document_events')
      .where('document_id', invoice.id)
      .where('action', 'reminder_skipped')
      .orderBy('id')
    assert.deepEqual(
      skipped.map((entry) => entry.data),
      [
        { reason: 'no_email', sequence: 1, daysLate: 3 },
        { reason: 'no_email', sequence: 2, daysLate: 10 },
      ]
    )
    const recorded = await db
      .from('invoicing.reminders_sent')
      .where('document_id', invoice.id)
      .orderBy('sequence')
    assert.deepEqual(
      recorded.map((row) => [row.sequence, row.skipped_reason]),
      [
        [1, 'no_email'],
        [2, 'no_email'],
      ]
    )
  })

  test('an overdue invoice gets its reminders on schedule, once each, with the PDF and the link; a paid one none', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    organization.merge({ legalName: 'Kin Commerce SARL' })
    await organization.save()
    const customerId = await createCustomer(client, owner, organization, {
      email: 'compta@brasserie.cd',
    })
    const lines = [{ description: 'Conseil', quantity: '1', unitPrice: '1000', taxGroup: 'B' }]
    const invoice = (await createDraft(client, owner, organization, { customerId, lines })).body()
      .document
    ;(await issue(client, owner, organization, invoice.id)).assertStatus(200)
    const paid = (await createDraft(client, owner, organization, { customerId, lines })).body()
      .document
    ;(await issue(client, owner, organization, paid.id)).assertStatus(200)
    ;(
      await client
        .post(invoicingUrl(organization, '/payments'))
        .json({
          method: 'cash',
          currency: 'CDF',
          allocations: [{ documentId: paid.id, amount: '1160.00' }],
        })
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(201)
    await client
      .put(invoicingUrl(organization, '/reminders'))
      .json({ enabled: true, firstAfterDays: 3, repeatEveryDays: 7, maxReminders: 2 })
      .loginAs(owner)
      .withCsrfToken()

    const remindersSent = () =>
      mails.messages
        .sent()
        .filter((message) => /Rappel/.test(message.toJSON().message.subject ?? ''))
    await runDay(2)
    assert.lengthOf(remindersSent(), 0, 'two days late: not yet')
    await runDay(3)
    await runDay(3)
    assert.lengthOf(remindersSent(), 1, 'the first reminder, once')
    const first = remindersSent()[0].toJSON().message
    assert.equal(
      first.subject,
      `Rappel 1 : facture FA-${year}-0001 de Kin Commerce SARL en attente de paiement`
    )
    assert.include(String(first.text), 'depuis 3 jours')
    assert.match(String(first.text), /\/public\/invoicing\/\S+\?lang=fr/)
    const attachments = first.attachments as { filename: string; contentType: string }[]
    assert.deepEqual(
      attachments.map((entry) => [entry.filename, entry.contentType]),
      [[`Facture FA-${year}-0001.pdf`, 'application/pdf']]
    )
    await runDay(40)
    await runDay(60)
    assert.lengthOf(remindersSent(), 2, 'then one more, never above the maximum')
    assert.isTrue(remindersSent().every((message) => message.hasTo('compta@brasserie.cd')))

    const timeline = await db
      .from('invoicing.document_events')
      .where('document_id', invoice.id)
      .where('action', 'reminded')
      .orderBy('id')
    assert.deepEqual(
      timeline.map((entry) => entry.data.sequence),
      [1, 2]
    )
    const paidReminders = await db.from('invoicing.reminders_sent').where('document_id', paid.id)
    assert.lengthOf(paidReminders, 0)
    const shown = await client
      .get(invoicingUrl(organization, `/documents/${invoice.id}`))
      .loginAs(owner)
    assert.equal(shown.body().document.status, 'issued', 'due today: not yet overdue')
  })
})
