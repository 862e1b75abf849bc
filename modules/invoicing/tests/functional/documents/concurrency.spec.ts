import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { tenantContext } from '@ia/kernel/contracts'
import type { Organization, User } from '@ia/platform/testing'
import { IssueDocument } from '../../../app/actions/issue_document.ts'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  issue,
} from '../../helpers.ts'
import { dropOrganization } from '../../committed.ts'

const year = DateTime.now().year

// These tests commit (concurrent transactions cannot share one), so they clean up instead of rolling back.
test.group('Invoicing / concurrent issues and idempotency', (group) => {
  let world: { owner: User; organization: Organization } | undefined
  group.each.teardown(async () => {
    if (world) await dropOrganization(world.organization, world.owner)
    world = undefined
  })

  test('50 invoices issued at once take 50 numbers: no duplicate, no gap', async ({
    client,
    assert,
  }) => {
    world = await createInvoicingOrganization({ currency: 'CDF' })
    const { owner, organization } = world
    const customerId = await createCustomer(client, owner, organization)
    const drafts: string[] = []
    for (let index = 0; index < 50; index++) {
      const draft = await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: `Ligne ${index}`, quantity: '1', unitPrice: '100' }],
      })
      drafts.push(draft.body().document.id)
    }
    const actor = { userId: owner.id, ip: null }
    const issued = await Promise.all(
      drafts.map((id) =>
        tenantContext.run(organization.id, () =>
          db.transaction((trx) => new IssueDocument().handle(trx, id, actor))
        )
      )
    )
    const numbers = issued.map((document) => document.number!).sort()
    assert.deepEqual(
      numbers,
      Array.from({ length: 50 }, (_, index) => `FA-${year}-${String(index + 1).padStart(4, '0')}`)
    )
    const counter = await db
      .from('invoicing.number_counters')
      .where({ organization_id: organization.id, kind: 'invoice', year })
      .firstOrFail()
    assert.equal(counter.last_value, 50)
  })

  test('20 parallel requests with one Idempotency-Key issue once and all get the same answer', async ({
    client,
    assert,
  }) => {
    world = await createInvoicingOrganization({ currency: 'CDF' })
    const { owner, organization } = world
    const customerId = await createCustomer(client, owner, organization)
    const draft = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: 'A', quantity: '1', unitPrice: '100' }],
      })
    ).body().document
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        issue(client, owner, organization, draft.id, 'issue-once-7f3a')
      )
    )
    assert.deepEqual([...new Set(responses.map((response) => response.status()))], [200])
    assert.deepEqual(
      [...new Set(responses.map((response) => JSON.stringify(response.body())))].length,
      1
    )
    assert.equal(responses[0].body().document.number, `FA-${year}-0001`)
    assert.equal(
      responses.filter((response) => response.header('idempotent-replayed') === 'true').length,
      19
    )
    const timeline = await db
      .from('invoicing.document_events')
      .where({ document_id: draft.id, action: 'issued' })
    assert.lengthOf(timeline, 1)
    const counter = await db
      .from('invoicing.number_counters')
      .where({ organization_id: organization.id, kind: 'invoice' })
      .firstOrFail()
    assert.equal(counter.last_value, 1)

    // The same key for another request is refused, naming the header.
    const other = await client
      .post(invoicingUrl(organization, `/documents/${draft.id}/send`))
      .header('Idempotency-Key', 'issue-once-7f3a')
      .loginAs(owner)
      .withCsrfToken()
    other.assertStatus(422)
    assert.containsSubset(other.body().errors[0], {
      code: 'E_IDEMPOTENCY_KEY_REUSED',
      field: 'Idempotency-Key',
    })
  })

  test('20 parallel payments with one key record one payment; another body under the key is a 422; a refused request frees its key', async ({
    client,
    assert,
  }) => {
    world = await createInvoicingOrganization({ currency: 'CDF' })
    const { owner, organization } = world
    const customerId = await createCustomer(client, owner, organization)
    const draft = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: 'A', quantity: '1', unitPrice: '1000', taxGroup: 'A' }],
      })
    ).body().document
    await issue(client, owner, organization, draft.id)
    const pay = (amount: string, key: string) =>
      client
        .post(invoicingUrl(organization, '/payments'))
        .header('Idempotency-Key', key)
        .json({ method: 'cash', currency: 'CDF', allocations: [{ documentId: draft.id, amount }] })
        .loginAs(owner)
        .withCsrfToken()

    const tooMuch = await pay('5000', 'pay-1')
    tooMuch.assertStatus(422)
    const responses = await Promise.all(Array.from({ length: 20 }, () => pay('400', 'pay-1')))
    assert.deepEqual([...new Set(responses.map((response) => response.status()))], [201])
    assert.lengthOf(new Set(responses.map((response) => response.body().payment.id)), 1)
    const payments = await db.from('invoicing.payments').where('organization_id', organization.id)
    assert.lengthOf(payments, 1)
    const invoice = await db.from('invoicing.documents').where('id', draft.id).firstOrFail()
    assert.equal(invoice.paid_minor, '40000')

    const changed = await pay('500', 'pay-1')
    changed.assertStatus(422)
    assert.containsSubset(changed.body().errors[0], {
      code: 'E_IDEMPOTENCY_KEY_REUSED',
      field: 'Idempotency-Key',
    })
    const badKey = await pay('1', 'é')
    badKey.assertStatus(422)
    assert.containsSubset(badKey.body().errors[0], {
      code: 'E_IDEMPOTENCY_KEY_INVALID',
      field: 'Idempotency-Key',
    })
  })
})
