import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { events } from '@ia/kernel/contracts'
import emitter from '@adonisjs/core/services/emitter'
import { addMember, createUser, runQueuedJobs, type JobProgressEvent } from '@ia/platform/testing'
import { createCurrenciesOrganization, currenciesUrl, insertRates } from '../../helpers.ts'

/** The rate events the worker delivered, as a consumer in another module would see them. */
const delivered: Array<{ organizationId: string; rate: string }> = []
events.subscribe('currencies.rate.recorded', 'currenciestest.rates', async (payload, meta) => {
  delivered.push({ organizationId: meta.organizationId, rate: payload.rate })
})

test.group('Currencies / rates by hand', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a member records a day’s rate as numeric, the same pair and day again replaces it, with one event each', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    const record = (rate: string) =>
      client
        .post(currenciesUrl(organization.id, '/rates'))
        .json({ baseCurrency: 'usd', quoteCurrency: 'CDF', rate, date: '2026-03-02' })
        .loginAs(member)
        .withCsrfToken()
    const first = await record('2850.50')
    first.assertStatus(201)
    assert.containsSubset(first.body().rate, {
      baseCurrency: 'USD',
      quoteCurrency: 'CDF',
      rate: '2850.5',
      date: '2026-03-02',
      source: 'Banque Centrale du Congo - taux indicatif',
      origin: 'manual',
    })
    ;(await record('2851.123456789012')).assertStatus(201)
    const stored = await db
      .from('currencies.rates')
      .where('organization_id', organization.id)
      .select(db.raw('rate::text as rate'), db.raw('pg_typeof(rate)::text as type'))
    assert.deepEqual(stored, [{ rate: '2851.123456789012', type: 'numeric' }])
    await runQueuedJobs()
    assert.deepEqual(
      delivered
        .filter((event) => event.organizationId === organization.id)
        .map((event) => event.rate),
      ['2850.5', '2851.123456789012']
    )
    const shown = await client
      .get(currenciesUrl(organization.id, `/rates/${first.body().rate.id}`))
      .loginAs(owner)
    assert.equal(shown.body().rate.rate, '2851.123456789012')
  })

  test('refusals name their field in the user’s language: unused currency, same currency, zero, future or impossible date, bad number', async ({
    client,
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    const english = await createUser({ locale: 'en' })
    await addMember(organization, english, 'member')
    const tomorrow = DateTime.now().plus({ days: 1 }).toISODate()
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { baseCurrency: 'EUR' },
        'baseCurrency',
        'The organisation does not use EUR: add it in the currency settings.',
      ],
      [{ quoteCurrency: 'USD' }, 'quoteCurrency', 'Choose two different currencies.'],
      [{ rate: '0.000' }, 'rate', 'The rate must be above zero.'],
      [
        { rate: '2 850,5' },
        'rate',
        'Enter a positive rate with a decimal point (e.g. 2850.50), at most 12 decimals.',
      ],
      [
        { rate: '-1' },
        'rate',
        'Enter a positive rate with a decimal point (e.g. 2850.50), at most 12 decimals.',
      ],
      [
        { date: tomorrow },
        'date',
        'Enter a date that exists (YYYY-MM-DD) and is not in the future.',
      ],
      [
        { date: '2026-02-30' },
        'date',
        'Enter a date that exists (YYYY-MM-DD) and is not in the future.',
      ],
      [{ baseCurrency: 'ABC' }, 'baseCurrency', 'Enter an ISO 4217 currency code (e.g. USD).'],
    ]
    for (const [change, field, message] of cases) {
      const response = await client
        .post(currenciesUrl(organization.id, '/rates'))
        .json({
          baseCurrency: 'USD',
          quoteCurrency: 'CDF',
          rate: '2850',
          date: '2026-03-02',
          ...change,
        })
        .loginAs(english)
        .withCsrfToken()
      response.assertStatus(422)
      assert.deepEqual(
        response
          .body()
          .errors.map((error: { field: string; message: string }) => [error.field, error.message]),
        [[field, message]],
        JSON.stringify(change)
      )
    }
    assert.equal(
      Number(
        (
          await db
            .from('currencies.rates')
            .where('organization_id', organization.id)
            .count('* as total')
        )[0].total
      ),
      0
    )
  })

  test('pages by cursor, newest day first, filtered by pair; an edited cursor is a 422 on cursor', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const days = Array.from({ length: 7 }, (_, index) => `2026-03-0${index + 1}`)
    await insertRates(
      organization.id,
      days.map(
        (date, index) => ['USD', 'CDF', `${2850 + index}`, date] as [string, string, string, string]
      )
    )
    await insertRates(organization.id, [['CDF', 'USD', '0.00035', '2026-03-04']])
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const response = await client
        .get(currenciesUrl(organization.id, '/rates'))
        .qs({ perPage: 3, baseCurrency: 'USD', ...(cursor ? { cursor } : {}) })
        .loginAs(owner)
      response.assertStatus(200)
      seen.push(...response.body().data.map((rate: { date: string }) => rate.date))
      cursor = response.body().meta.nextCursor
    } while (cursor)
    assert.deepEqual(seen, [...days].reverse())
    const bad = await client
      .get(currenciesUrl(organization.id, '/rates'))
      .qs({ cursor: 'bm90LWEtY3Vyc29y' })
      .loginAs(owner)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'cursor')
  })

  test('history gives the last 90 days oldest first, inverting rates stored the other way round', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const day = (ago: number) => DateTime.now().minus({ days: ago }).toISODate()
    await insertRates(organization.id, [
      ['USD', 'CDF', '2800', day(120)],
      ['USD', 'CDF', '2850', day(10)],
      ['CDF', 'USD', '0.0004', day(5)],
      ['USD', 'CDF', '2900', day(1)],
    ])
    const response = await client
      .get(currenciesUrl(organization.id, '/rates/history'))
      .qs({ baseCurrency: 'USD', quoteCurrency: 'CDF' })
      .loginAs(owner)
    response.assertStatus(200)
    assert.deepEqual(response.body().history.points, [
      { date: day(10), rate: '2850' },
      { date: day(5), rate: '2500' },
      { date: day(1), rate: '2900' },
    ])
  })

  test('the rate at a date says which day and source it used; none is a 422 naming the pair and the date', async ({
    client,
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    const french = await createUser({ locale: 'fr' })
    await addMember(organization, french, 'member')
    await insertRates(organization.id, [['USD', 'CDF', '2850', '2026-03-02']])
    const found = await client
      .get(currenciesUrl(organization.id, '/rates/at'))
      .qs({ from: 'USD', to: 'CDF', date: '2026-03-09' })
      .loginAs(french)
    found.assertStatus(200)
    assert.containsSubset(found.body().rate, {
      rate: '2850',
      date: '2026-03-02',
      requestedDate: '2026-03-09',
      source: 'Banque Centrale du Congo - taux indicatif',
    })
    const missing = await client
      .get(currenciesUrl(organization.id, '/rates/at'))
      .qs({ from: 'USD', to: 'CDF', date: '2026-03-01' })
      .loginAs(french)
    missing.assertStatus(422)
    assert.deepEqual(missing.body().errors, [
      {
        code: 'E_RATE_NOT_FOUND',
        field: 'to',
        message:
          'Aucun taux USD → CDF n’est enregistré au 2026-03-01 ni avant : saisissez le taux de ce jour dans Devises.',
      },
    ])
  })
})

/** The progress the jobs engine broadcast for one job while `work` ran. */
async function progressOf(jobId: string, work: () => Promise<void>) {
  const seen: JobProgressEvent[] = []
  const listener = (event: JobProgressEvent) => {
    if (event.jobId === jobId) seen.push(event)
  }
  emitter.on('platform:job.progress', listener)
  try {
    await work()
  } finally {
    emitter.off('platform:job.progress', listener)
  }
  return seen
}

test.group('Currencies / CSV import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a French spreadsheet export is recorded by a job with progress; each refused row is kept with its line, column and reason', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const csv = [
      '\uFEFFDate;Devise base;Cotation;Taux',
      '02/03/2026;USD;CDF;2 850,50',
      '2026-03-03;usd;cdf;2851',
      '2026-03-04;EUR;CDF;3100',
      '2026-03-05;USD;CDF;abc',
      '31/02/2026;USD;CDF;2852',
      '2026-03-03;USD;CDF;2860',
    ].join('\r\n')
    const response = await client
      .post(currenciesUrl(organization.id, '/rates/import'))
      .file('file', Buffer.from(csv), { filename: 'taux.csv' })
      .loginAs(owner)
      .withCsrfToken()
    response.assertStatus(202)
    const queued = response.body().import
    assert.include(queued, { status: 'queued', fileName: 'taux.csv', rows: 6, imported: null })
    const storedRates = () =>
      db
        .from('currencies.rates')
        .where('organization_id', organization.id)
        .orderBy('rate_date')
        .select(db.raw('rate::float8::text as rate'), 'origin')
    assert.deepEqual(await storedRates(), [], 'nothing recorded before the job runs')

    const progress = await progressOf(queued.jobId, runQueuedJobs)
    assert.equal(progress.at(-1)!.status, 'completed')
    assert.deepEqual(progress[0].label, {
      fr: 'Import des taux : taux.csv',
      en: 'Rate import: taux.csv',
    })
    assert.deepEqual(
      progress.filter((event) => event.message).map((event) => event.message),
      [
        { fr: 'Lecture du fichier…', en: 'Reading the file…' },
        { fr: '2 taux enregistrés sur 2', en: '2 of 2 rates recorded' },
      ]
    )
    assert.equal(progress[0].userId, owner.id)

    const done = await client
      .get(currenciesUrl(organization.id, `/rates/imports/${queued.id}`))
      .loginAs(owner)
    done.assertStatus(200)
    assert.include(done.body().import, { status: 'completed', imported: 2, error: null })
    assert.deepEqual(done.body().import.rejected, [
      {
        line: 4,
        field: 'baseCurrency',
        message: 'Devise non utilisée par l’organisation : « EUR ».',
      },
      { line: 5, field: 'rate', message: 'Taux invalide : « abc » (un nombre positif).' },
      {
        line: 6,
        field: 'date',
        message: 'Date invalide ou future : « 31/02/2026 » (AAAA-MM-JJ ou JJ/MM/AAAA).',
      },
      { line: 7, field: 'date', message: 'Même paire et même date qu’à la ligne 3.' },
    ])
    assert.deepEqual(await storedRates(), [
      { rate: '2850.5', origin: 'import' },
      { rate: '2851', origin: 'import' },
    ])
  })

  test('the refused rows are explained in the uploader’s language, and another organisation’s import answers 404', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const other = await createCurrenciesOrganization()
    owner.locale = 'en'
    await owner.save()
    const response = await client
      .post(currenciesUrl(organization.id, '/rates/import'))
      .file('file', Buffer.from('date,base,quote,rate\n2026-03-02,USD,CDF,-3\n'), {
        filename: 'rates.csv',
      })
      .loginAs(owner)
      .withCsrfToken()
    response.assertStatus(202)
    const { id } = response.body().import
    await runQueuedJobs()
    const done = await client
      .get(currenciesUrl(organization.id, `/rates/imports/${id}`))
      .loginAs(owner)
    assert.include(done.body().import, { status: 'completed', imported: 0 })
    assert.deepEqual(done.body().import.rejected, [
      { line: 2, field: 'rate', message: 'Invalid rate: "-3" (a positive number).' },
    ])
    const foreign = await client
      .get(currenciesUrl(other.organization.id, `/rates/imports/${id}`))
      .loginAs(other.owner)
    foreign.assertStatus(404)
  })

  test('a file that is not a rates CSV is refused as a whole on file, and nothing is recorded', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const upload = (content: string | Buffer) =>
      client
        .post(currenciesUrl(organization.id, '/rates/import'))
        .file('file', Buffer.from(content), { filename: 'taux.csv' })
        .loginAs(owner)
        .withCsrfToken()
    for (const [content, code] of [
      [
        'date,base,quote\n2026-03-02,USD,CDF\n',
        'Colonnes manquantes dans l’en-tête : taux (attendu : date, base, cotation, taux).',
      ],
      ['date,base,quote,rate\n', 'Le fichier n’a aucune ligne de taux sous sa ligne d’en-tête.'],
      [
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]),
        'Le fichier doit être un CSV (texte UTF-8) : enregistrez votre tableur au format CSV.',
      ],
    ] as const) {
      const response = await upload(content)
      response.assertStatus(422)
      assert.deepEqual(
        response
          .body()
          .errors.map((error: { field: string; message: string }) => [error.field, error.message]),
        [['file', code]]
      )
    }
    assert.equal(
      Number(
        (
          await db
            .from('currencies.rates')
            .where('organization_id', organization.id)
            .count('* as total')
        )[0].total
      ),
      0
    )
  })
})
