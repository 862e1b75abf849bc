import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { jobs } from '../../../contracts/jobs.ts'
import { handlerRegistry } from '../../../app/jobs/registry.ts'

/** A job whose registration declares its title: the tray shows it when a dispatch names none. */
const TITLED_JOB = 'platform.first_day_titled_example'

test.group('First day / job titles', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(() => {
    if (!handlerRegistry.job(TITLED_JOB))
      jobs.register(TITLED_JOB, async () => {}, { title: 'platform.audit.invitation.resent' })
  })

  const labelOf = async (id: string) =>
    (await db.from('platform.jobs').where('id', id).firstOrFail()).label

  test('a job is titled in French and English from its i18n key when queued', async ({
    assert,
  }) => {
    const id = await jobs.dispatch(TITLED_JOB, {})
    assert.deepEqual(await labelOf(id), { fr: 'Invitation renvoyée', en: 'Invitation sent again' })
  })

  test("a dispatch's own title, with its parameters, wins over the job's; a ready label wins over both", async ({
    assert,
  }) => {
    const titled = await jobs.dispatch(
      TITLED_JOB,
      {},
      {
        title: {
          key: 'platform.jobs.mail.platform_invitation',
          params: { to: 'amani@example.cd' },
        },
      }
    )
    assert.deepEqual(await labelOf(titled), {
      fr: "Envoi de l'invitation à amani@example.cd",
      en: 'Sending the invitation to amani@example.cd',
    })
    const labelled = await jobs.dispatch(
      TITLED_JOB,
      {},
      {
        label: { fr: 'Étiquette', en: 'Label' },
        title: { key: 'platform.jobs.mail.other', params: { to: 'x' } },
      }
    )
    assert.deepEqual(await labelOf(labelled), { fr: 'Étiquette', en: 'Label' })
  })

  test('a mail is titled by its template, with the address it goes to', async ({ assert }) => {
    const { mails } = await import('../../../contracts/mail.ts')
    const id = await mails.send({
      template: 'platform.verify_email',
      to: 'amani@example.cd',
      locale: 'fr',
      data: { name: 'Amani', url: 'http://localhost/x' },
    })
    assert.deepEqual(await labelOf(id), {
      fr: 'Envoi du lien de confirmation à amani@example.cd',
      en: 'Sending the confirmation link to amani@example.cd',
    })
  })
})
