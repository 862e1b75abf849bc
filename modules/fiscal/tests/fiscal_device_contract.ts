/*
 * The fiscal device contract, written once: every adapter of the FiscalDevice port (the e-MCF today,
 * a serial MCF later) runs these tests against its own local device.
 */
import { test } from '@japa/runner'
import {
  FiscalDeviceError,
  isSignature,
  type FiscalDevice,
  type FiscalInvoice,
} from '../app/ports/fiscal_device.ts'

/** What an adapter's test gives the contract: the device, one with a wrong credential, and the faults it can cause. */
export type FiscalDeviceHarness = {
  device: FiscalDevice
  refusedDevice: FiscalDevice
  /** Makes the device unreachable (true) or back (false). */
  setDown(down: boolean): void
  /** Fills the device with `count` pending invoices of another till. */
  holdForeignPending(count: number): void
  close(): Promise<void>
}

/** A sale of 2 x 1,000.00 in group B (16 %) and 1 x 500.00 in group A: 2,000 + 320 tax + 500. */
export function sampleInvoice(rn: string, overrides: Partial<FiscalInvoice> = {}): FiscalInvoice {
  return {
    rn,
    type: 'FV',
    items: [
      {
        code: 'P-1',
        type: 'BIE',
        name: 'Casier de boissons',
        price: '1000.00',
        quantity: '2',
        unit: 'casier',
        taxGroup: 'B',
        taxRate: '16',
        taxSpecificAmount: null,
      },
      {
        code: null,
        type: 'SER',
        name: 'Livraison',
        price: '500.00',
        quantity: '1',
        unit: null,
        taxGroup: 'A',
        taxRate: '0',
        taxSpecificAmount: null,
      },
    ],
    client: { type: 'PM', nif: 'A0700001X', name: 'Brasserie', contact: null, address: null },
    operator: { id: 'op-1', name: 'Caissier' },
    payments: [{ type: 'CREDIT', amount: '2820.00', currency: 'CDF', rate: '1' }],
    currency: { code: 'CDF', rate: '1', date: '2026-12-08' },
    reference: null,
    ...overrides,
  }
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof FiscalDeviceError) return error
    throw error
  }
  throw new Error('Expected the device call to fail')
}

/** Registers the contract's tests for one adapter. */
export function fiscalDeviceContract(name: string, setup: () => Promise<FiscalDeviceHarness>) {
  test.group(`Fiscal device contract / ${name}`, (group) => {
    let harness: FiscalDeviceHarness
    group.each.setup(async () => {
      harness = await setup()
      return () => harness.close()
    })

    test('status reads the device and its pending invoices', async ({ assert }) => {
      const status = await harness.device.status()
      assert.isString(status.nif)
      assert.deepEqual(status.pending, [])
      harness.holdForeignPending(2)
      assert.lengthOf((await harness.device.status()).pending, 2)
    })

    test('submit answers the device totals, confirm signs with them', async ({ assert }) => {
      const pending = await harness.device.submit(sampleInvoice('FA-2026-0001'))
      assert.deepEqual(pending.totals, { total: '2820.00', tax: '320.00' })
      assert.equal(pending.rn, 'FA-2026-0001')
      const found = await harness.device.find(pending.uid)
      assert.isFalse(found === null || isSignature(found))
      const signature = await harness.device.confirm(pending.uid, pending.totals)
      for (const field of ['dateTime', 'qrContent', 'dgiCode', 'counters', 'nim'] as const)
        assert.isNotEmpty(signature[field])
      const after = await harness.device.find(pending.uid)
      assert.isTrue(after !== null && isSignature(after))
      assert.equal((after as typeof signature).dgiCode, signature.dgiCode)
    })

    test('confirm refuses totals other than the device ones', async ({ assert }) => {
      const pending = await harness.device.submit(sampleInvoice('FA-2026-0002'))
      const error = await failure(
        harness.device.confirm(pending.uid, { total: '2820.01', tax: '320.00' })
      )
      assert.equal(error.kind, 'rejected')
    })

    test('cancel drops a pending invoice; the device forgets it', async ({ assert }) => {
      const pending = await harness.device.submit(sampleInvoice('FA-2026-0003'))
      await harness.device.cancel(pending.uid)
      assert.isNull(await harness.device.find(pending.uid))
      assert.equal((await failure(harness.device.cancel(pending.uid))).kind, 'not_found')
    })

    test('a refused credential is "unauthorized"', async ({ assert }) => {
      assert.equal((await failure(harness.refusedDevice.status())).kind, 'unauthorized')
      assert.equal(
        (await failure(harness.refusedDevice.submit(sampleInvoice('FA-2026-0004')))).kind,
        'unauthorized'
      )
    })

    test('ten pending invoices at most: the eleventh is "full"', async ({ assert }) => {
      harness.holdForeignPending(10)
      assert.equal(
        (await failure(harness.device.submit(sampleInvoice('FA-2026-0005')))).kind,
        'full'
      )
    })

    test('a device that is down is "unreachable"', async ({ assert }) => {
      harness.setDown(true)
      assert.equal((await failure(harness.device.status())).kind, 'unreachable')
      harness.setDown(false)
      await harness.device.status()
    })

    test('an invoice the device refuses is "rejected" with its reason', async ({ assert }) => {
      const error = await failure(
        harness.device.submit(
          sampleInvoice('FA-2026-0006', {
            client: { type: 'PM', nif: null, name: 'Sans NIF', contact: null, address: null },
          })
        )
      )
      assert.equal(error.kind, 'rejected')
      assert.isNotEmpty(error.message)
    })

    test('a credit note carries the original invoice DGI code', async ({ assert }) => {
      const invoice = await harness.device.submit(sampleInvoice('FA-2026-0007'))
      const signed = await harness.device.confirm(invoice.uid, invoice.totals)
      const credit = await harness.device.submit(
        sampleInvoice('AV-2026-0001', { type: 'FA', reference: signed.dgiCode })
      )
      assert.deepEqual(credit.totals, invoice.totals)
      assert.equal(
        (await failure(harness.device.submit(sampleInvoice('AV-2026-0002', { type: 'FA' })))).kind,
        'rejected'
      )
    })

    test('publishes its day rates', async ({ assert }) => {
      const rates = await harness.device.currencyRates()
      assert.isAbove(rates.length, 0)
      assert.match(rates[0].rate, /^\d+(\.\d+)?$/)
    })
  })
}
