import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOwnerWithOrganization } from '../../helpers.ts'
import {
  PostgresSearchEngine,
  allowedEdits,
  prefixTsQuery,
} from '../../../app/services/search/postgres_search_engine.ts'
import type { SearchDocument } from '../../../app/services/search/search_engine.ts'

const TYPE = 'contacts.contact'

function document(
  organizationId: string,
  recordId: string,
  title: string,
  extra: Partial<SearchDocument> = {}
): SearchDocument {
  return {
    organizationId,
    type: TYPE,
    recordId,
    title,
    subtitle: null,
    body: null,
    url: `/contacts/${recordId}`,
    keywords: [],
    ...extra,
  }
}

async function* each(documents: SearchDocument[]) {
  yield* documents
}

test.group('Search / PostgreSQL engine', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('finds "Société Minière" without accents, by a partial word and despite a typo', async ({
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const engine = new PostgresSearchEngine()
    await engine.upsert([
      document(organization.id, 'r1', 'Société Minière du Katanga', { subtitle: 'Lubumbashi' }),
      document(organization.id, 'r2', 'Pharmacie Espoir'),
      document(organization.id, 'r3', 'Boulangerie Société Nouvelle'),
    ])
    const titles = async (text: string) =>
      (await engine.query({ organizationId: organization.id, text, types: [TYPE], limit: 10 })).map(
        (hit) => hit.title
      )

    assert.deepEqual(await titles('societe minier'), ['Société Minière du Katanga'])
    assert.include(await titles('societe'), 'Société Minière du Katanga')
    assert.include(await titles('SOCIETE'), 'Boulangerie Société Nouvelle')
    assert.deepEqual(await titles('minier'), ['Société Minière du Katanga'])
    assert.deepEqual(await titles('min'), ['Société Minière du Katanga'])
    assert.equal((await titles('sociéte minire'))[0], 'Société Minière du Katanga')
    assert.deepEqual(await titles('lubumbashi'), ['Société Minière du Katanga'])
    assert.deepEqual(await titles('pharmacie'), ['Pharmacie Espoir'])
    assert.deepEqual(await titles('hôpital'), [])
  })

  test('searches keywords and the body, and returns the url and subtitle', async ({ assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const engine = new PostgresSearchEngine()
    await engine.upsert([
      document(organization.id, 'r1', 'Kivu Transport', {
        subtitle: 'Goma',
        keywords: ['CD/GOM/RCCM/21-B-00042', '+243810000001'],
        body: 'Camions frigorifiques',
      }),
    ])
    const [hit] = await engine.query({
      organizationId: organization.id,
      text: 'frigorifique',
      types: [TYPE],
      limit: 5,
    })
    assert.deepInclude(hit, {
      type: TYPE,
      recordId: 'r1',
      title: 'Kivu Transport',
      subtitle: 'Goma',
      url: '/contacts/r1',
    })
    assert.lengthOf(
      await engine.query({
        organizationId: organization.id,
        text: '00042',
        types: [TYPE],
        limit: 5,
      }),
      1
    )
  })

  test("never returns another organisation's documents, not even when searching their record id", async ({
    assert,
  }) => {
    const mine = await createOwnerWithOrganization()
    const theirs = await createOwnerWithOrganization()
    const engine = new PostgresSearchEngine()
    const secretId = '0b6f8a8e-5d8f-4d57-9b0c-6a7e5f1d2c3b'
    await engine.upsert([
      document(theirs.organization.id, secretId, 'Société Minière Clandestine', {
        keywords: [secretId],
      }),
      document(mine.organization.id, 'mine-1', 'Société Minière Ouverte'),
    ])
    const found = async (text: string) =>
      (
        await engine.query({ organizationId: mine.organization.id, text, types: [TYPE], limit: 50 })
      ).map((hit) => hit.recordId)

    assert.deepEqual(await found('societe miniere'), ['mine-1'])
    assert.deepEqual(await found('clandestine'), [])
    assert.deepEqual(await found(secretId), [])
    assert.deepEqual(
      (
        await engine.query({
          organizationId: theirs.organization.id,
          text: secretId,
          types: [TYPE],
          limit: 5,
        })
      ).map((hit) => hit.recordId),
      [secretId]
    )
  })

  test('filters by type, removes documents and keeps one row per record', async ({ assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const engine = new PostgresSearchEngine()
    await engine.upsert([
      document(organization.id, 'r1', 'Société Minière'),
      document(organization.id, 'r1', 'Société Minière Renommée'),
    ])
    await engine.upsert([
      { ...document(organization.id, 'i1', 'Facture Société Minière'), type: 'invoicing.invoice' },
    ])

    const rows = await db
      .from('platform.search_documents')
      .where('organization_id', organization.id)
      .where('type', TYPE)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].title, 'Société Minière Renommée')
    assert.deepEqual(
      (
        await engine.query({
          organizationId: organization.id,
          text: 'societe',
          types: ['invoicing.invoice'],
          limit: 5,
        })
      ).map((hit) => hit.recordId),
      ['i1']
    )
    assert.deepEqual(
      await engine.query({ organizationId: organization.id, text: 'societe', types: [], limit: 5 }),
      []
    )

    await engine.remove(organization.id, TYPE, ['r1', 'never-indexed'])
    assert.deepEqual(
      (
        await engine.query({
          organizationId: organization.id,
          text: 'societe',
          types: [TYPE, 'invoicing.invoice'],
          limit: 5,
        })
      ).map((hit) => hit.recordId),
      ['i1']
    )
  })

  test("rebuilding one organisation's type leaves other organisations and types alone", async ({
    assert,
  }) => {
    const one = await createOwnerWithOrganization()
    const two = await createOwnerWithOrganization()
    const engine = new PostgresSearchEngine()
    await engine.upsert([
      document(one.organization.id, 'old', 'Ancien Client'),
      document(two.organization.id, 'other', 'Client Voisin'),
      { ...document(one.organization.id, 'inv', 'Facture Client'), type: 'invoicing.invoice' },
    ])
    const count = await engine.rebuild(
      TYPE,
      each([document(one.organization.id, 'new', 'Nouveau Client')]),
      one.organization.id
    )
    assert.equal(count, 1)
    const rows = await db
      .from('platform.search_documents')
      .orderBy('record_id')
      .select('organization_id', 'type', 'record_id')
    assert.deepEqual(
      rows
        .filter((row) => [one.organization.id, two.organization.id].includes(row.organization_id))
        .map((row) => row.record_id),
      ['inv', 'new', 'other']
    )
  })

  /** One-letter mistakes in words of six letters or more, in every field the engine indexes. */
  const MISSPELLINGS = [
    { mistake: 'missing letter, in the title', text: 'Mwangza', finds: 'garage' },
    { mistake: 'extra letter, in the title', text: 'garrage', finds: 'garage' },
    {
      mistake: 'swapped letters, in the middle of a six-letter word',
      text: 'gaarge',
      finds: 'garage',
    },
    {
      mistake: 'wrong letter, in the middle of a six-letter word',
      text: 'gasage',
      finds: 'garage',
    },
    { mistake: 'wrong letter with the accent left out', text: 'sociate', finds: 'mining' },
    { mistake: 'missing letter, in the city (subtitle)', text: 'Lubumbshi', finds: 'mining' },
    {
      mistake: 'swapped letters, in the city, with an accent typed',
      text: 'Kînshsaa',
      finds: 'pharmacy',
    },
    { mistake: 'wrong letter, in a tag (keywords)', text: 'grossistr', finds: 'pharmacy' },
    { mistake: 'swapped letters, in the address (body)', text: 'bouelvard', finds: 'garage' },
    { mistake: 'one right word and one misspelt word', text: 'garage mwangazza', finds: 'garage' },
    { mistake: 'a misspelt word typed in capitals', text: 'PHARNACIE', finds: 'pharmacy' },
  ]

  test('a one-letter mistake still finds the record: {mistake} ("{text}")')
    .with(MISSPELLINGS)
    .tags(['@smoke'])
    .run(async ({ assert }, { text, finds }) => {
      const { organization } = await createOwnerWithOrganization()
      const other = await createOwnerWithOrganization()
      const engine = new PostgresSearchEngine()
      await engine.upsert([
        document(organization.id, 'garage', 'Garage Mwangaza', {
          subtitle: 'Goma',
          body: 'Boulevard du Trente Juin 12',
        }),
        document(organization.id, 'mining', 'Société Minière du Katanga', {
          subtitle: 'Lubumbashi · info@smk.cd',
        }),
        document(organization.id, 'pharmacy', 'Pharmacie Espoir', {
          subtitle: 'Kinshasa',
          keywords: ['grossiste', '+243810000001'],
        }),
        document(other.organization.id, 'theirs', 'Garage Mwangaza', {
          subtitle: 'Lubumbashi · Kinshasa',
          keywords: ['grossiste'],
        }),
      ])
      const hits = await engine.query({
        organizationId: organization.id,
        text,
        types: [TYPE],
        limit: 10,
      })
      assert.deepEqual(
        hits.map((hit) => hit.recordId),
        [finds]
      )
    })

  test('exact matches rank before near-misses, and words too far apart find nothing', async ({
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const engine = new PostgresSearchEngine()
    await engine.upsert([
      document(organization.id, 'typo', 'Lubumbahsi Motors'),
      document(organization.id, 'exact', 'Quincaillerie Uzima', { subtitle: 'Lubumbashi' }),
      document(organization.id, 'far', 'Lubumbaxyz Transport'),
    ])
    const found = async (text: string) =>
      (await engine.query({ organizationId: organization.id, text, types: [TYPE], limit: 10 })).map(
        (hit) => hit.recordId
      )

    assert.deepEqual(await found('lubumbashi'), ['exact', 'typo'])
    assert.deepEqual(await found('quincailerie'), ['exact'])
    assert.deepEqual(await found('motros'), ['typo'])
    assert.deepEqual(await found('lubumbozoxi'), [])
    assert.deepEqual(await found('du la de'), [])
  })

  test('allows the edits Elasticsearch allows with fuzziness AUTO', ({ assert }) => {
    assert.deepEqual(
      ['ab', 'abc', 'abcde', 'abcdef', 'abcdefghijkl'].map(allowedEdits),
      [0, 1, 1, 2, 2]
    )
  })

  test('only letters and digits reach to_tsquery', ({ assert }) => {
    assert.equal(prefixTsQuery("Société  l'Étoile & | ! ( )"), 'societe:* & l:* & etoile:*')
    assert.equal(prefixTsQuery(':* <-> !'), '')
  })
})
