import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { BccPageError, frenchNumber, parseBccPage } from '../../app/services/bcc_rates.ts'

const fixture = (name: string) =>
  readFile(new URL(`../fixtures/bcc/${name}`, import.meta.url), 'utf8')

test.group('Currencies / the BCC page', () => {
  test('reads the indicative rate of each currency asked, exactly, with the page date', async ({
    assert,
  }) => {
    const page = await fixture('taux_2026-12-07.html')
    assert.deepEqual(parseBccPage(page), [
      { baseCurrency: 'USD', quoteCurrency: 'CDF', rate: '2229.0257', date: '2026-12-07' },
    ])
    assert.deepEqual(
      parseBccPage(page, ['USD', 'EUR']).map((rate) => rate.rate),
      ['2229.0257', '2598.5239']
    )
  })

  test('a page whose layout changed fails loudly, it never gives a rate', async ({ assert }) => {
    assert.throws(() => parseBccPage('<html><body>Maintenance</body></html>'), BccPageError)
    const changed = await fixture('changed_layout.html')
    assert.throws(() => parseBccPage(changed), /no table with "Devise" and "Taux indicatif"/)
    const swapped = await fixture('columns_swapped.html')
    assert.throws(() => parseBccPage(swapped), /rate of USD is not a number/)
    const page = await fixture('taux_2026-12-07.html')
    const undated = page.replace('du 07/12/2026', '')
    assert.throws(() => parseBccPage(undated), /no "Taux ... du JJ\/MM\/AAAA" date/)
    assert.throws(() => parseBccPage(page, ['GBP']), /no row/)
  })

  test('reads French numbers only', ({ assert }) => {
    assert.equal(frenchNumber('2 229,0257'), '2229.0257')
    assert.equal(frenchNumber('2\u202f229,0257'), '2229.0257')
    assert.equal(frenchNumber('2.229,0257'), '2229.0257')
    assert.equal(frenchNumber('2850'), '2850')
    for (const value of ['2,229.0257', 'abc', '', '22 29,1', '-2 229,00'])
      assert.isNull(frenchNumber(value), value)
  })
})
