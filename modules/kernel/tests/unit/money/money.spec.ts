import { test } from '@japa/runner'
import {
  computeTotals,
  convertAmount,
  currencyName,
  currencyPrecision,
  fitsCurrency,
  formatAmount,
  fromMinorUnits,
  isCurrencyCode,
  isoCurrencies,
  MoneyLineError,
  roundMoney,
  toMinorUnits,
  type MoneyLineInput,
} from '../../../money/money.ts'

test.group('Money / ISO 4217 precision', () => {
  test('{0} has {1} digits')
    .with([
      ['CDF', 2],
      ['USD', 2],
      ['EUR', 2],
      ['ZAR', 2],
      ['XAF', 0],
      ['JPY', 0],
      ['KWD', 3],
      ['BHD', 3],
      ['CLF', 4],
    ] as [string, number][])
    .run(({ assert }, [code, digits]: [string, number]) => {
      assert.equal(currencyPrecision(code), digits)
    })

  test('agrees with the runtime CLDR data for the currencies Congolese businesses use', ({
    assert,
  }) => {
    for (const code of [
      'CDF',
      'USD',
      'EUR',
      'XAF',
      'XOF',
      'RWF',
      'UGX',
      'KES',
      'TZS',
      'ZAR',
      'AOA',
      'ZMW',
      'JPY',
      'KWD',
      'TND',
    ]) {
      const cldr = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: code,
      }).resolvedOptions().maximumFractionDigits
      // CLDR rounds some cash amounts (UGX, RWF...) to whole units while ISO keeps the minor unit; ISO is the rule.
      if (!['UGX', 'RWF'].includes(code)) assert.equal(currencyPrecision(code), cldr, code)
    }
  })

  test('an unknown or lower-case code is refused, funds and metals are not listed', ({
    assert,
  }) => {
    assert.isFalse(isCurrencyCode('usd'))
    assert.isFalse(isCurrencyCode('XXX'))
    assert.isFalse(isCurrencyCode('XAU'))
    assert.throws(() => currencyPrecision('ABC'), /Unknown ISO 4217 currency: ABC/)
    const codes = isoCurrencies().map((currency) => currency.code)
    assert.includeMembers(codes, ['CDF', 'USD', 'EUR', 'XAF', 'ZAR'])
    assert.deepEqual(codes, [...codes].sort())
  })

  test('names a currency in French and English', ({ assert }) => {
    assert.equal(currencyName('CDF', 'fr'), 'franc congolais')
    assert.equal(currencyName('CDF', 'en'), 'Congolese Franc')
  })
})

test.group('Money / rounding half away from zero', () => {
  test('{0} {1} -> {2}')
    .with([
      ['2.345', 'USD', '2.35'],
      ['-2.345', 'USD', '-2.35'],
      ['2.344999', 'USD', '2.34'],
      ['1234.5', 'XAF', '1235'],
      ['-1234.5', 'XAF', '-1235'],
      ['1234.4999', 'JPY', '1234'],
      ['0.0005', 'KWD', '0.001'],
      ['1.2345', 'KWD', '1.235'],
      ['2850.125', 'CDF', '2850.13'],
      ['99999999999999999.995', 'CDF', '100000000000000000.00'],
    ] as [string, string, string][])
    .run(({ assert }, [amount, currency, expected]: [string, string, string]) => {
      assert.equal(formatAmount(amount, currency), expected)
    })

  test('roundMoney gives a Decimal, never a float', ({ assert }) => {
    const rounded = roundMoney('0.1', 'USD').plus('0.2')
    assert.equal(rounded.toString(), '0.3')
  })
})

test.group('Money / minor units', () => {
  test('{0} {1} <-> {2} minor units')
    .with([
      ['1500.00', 'CDF', 150000n],
      ['0.01', 'USD', 1n],
      ['-12.34', 'USD', -1234n],
      ['1235', 'XAF', 1235n],
      ['1.235', 'KWD', 1235n],
      ['92233720368547758.07', 'CDF', 9223372036854775807n],
    ] as [string, string, bigint][])
    .run(({ assert }, [amount, currency, minor]: [string, string, bigint]) => {
      assert.equal(toMinorUnits(amount, currency), minor)
      assert.equal(fromMinorUnits(minor, currency), amount)
    })

  test('refuses an amount with more digits than the currency has', ({ assert }) => {
    assert.throws(() => toMinorUnits('1.005', 'USD'), /more digits than USD allows \(2\)/)
    assert.throws(() => toMinorUnits('10.5', 'XAF'), /more digits than XAF allows \(0\)/)
    assert.isTrue(fitsCurrency('10.50', 'USD'))
    assert.isFalse(fitsCurrency('10.505', 'USD'))
    assert.isFalse(fitsCurrency('10.5', 'XAF'))
    assert.isFalse(fitsCurrency('1e3', 'USD'))
  })
})

type TotalsCase = {
  name: string
  currency: string
  lines: MoneyLineInput[]
  expected: {
    lines?: string[]
    taxGroups: Array<[string, string, string]>
    net: string
    tax: string
    total: string
  }
}

/** The README's table of cases ("Money rules"): keep the two in step. */
const TOTALS_CASES: TotalsCase[] = [
  {
    name: 'CDF, one line in group B (16 %)',
    currency: 'CDF',
    lines: [{ quantity: '3', unitPrice: '12500', taxGroup: 'B', taxRate: '16' }],
    expected: {
      taxGroups: [['B', '37500.00', '6000.00']],
      net: '37500.00',
      tax: '6000.00',
      total: '43500.00',
    },
  },
  {
    name: 'USD, tax per group on the sum of its lines, not per line',
    currency: 'USD',
    lines: [
      { quantity: '1', unitPrice: '0.05', taxGroup: 'B', taxRate: '16' },
      { quantity: '1', unitPrice: '0.05', taxGroup: 'B', taxRate: '16' },
      { quantity: '1', unitPrice: '0.05', taxGroup: 'B', taxRate: '16' },
    ],
    // per line 0.008 -> 0.01 three times = 0.03; on the group's 0.15 -> 0.024 -> 0.02
    expected: { taxGroups: [['B', '0.15', '0.02']], net: '0.15', tax: '0.02', total: '0.17' },
  },
  {
    name: 'USD, a line rounded half away from zero before its group',
    currency: 'USD',
    lines: [{ quantity: '3', unitPrice: '0.125', taxGroup: 'B', taxRate: '16' }],
    // 0.375 -> 0.38; tax 0.0608 -> 0.06
    expected: {
      lines: ['0.38'],
      taxGroups: [['B', '0.38', '0.06']],
      net: '0.38',
      tax: '0.06',
      total: '0.44',
    },
  },
  {
    name: 'USD, discounts in percent and amount, groups B, C and E',
    currency: 'USD',
    lines: [
      {
        quantity: '2',
        unitPrice: '49.99',
        discount: { percent: '10' },
        taxGroup: 'B',
        taxRate: '16',
      },
      {
        quantity: '1.5',
        unitPrice: '20.00',
        discount: { amount: '5' },
        taxGroup: 'C',
        taxRate: '5',
      },
      { quantity: '1', unitPrice: '100', taxGroup: 'E', taxRate: '0' },
    ],
    // 99.98 - 10.00 (9.998) = 89.98, tax 14.3968 -> 14.40; 30.00 - 5.00 = 25.00, tax 1.25; 100.00, tax 0
    expected: {
      lines: ['89.98', '25.00', '100.00'],
      taxGroups: [
        ['B', '89.98', '14.40'],
        ['C', '25.00', '1.25'],
        ['E', '100.00', '0.00'],
      ],
      net: '214.98',
      tax: '15.65',
      total: '230.63',
    },
  },
  {
    name: 'XAF (0 digits), half a franc rounds up',
    currency: 'XAF',
    lines: [{ quantity: '1', unitPrice: '1234.5', taxGroup: 'C', taxRate: '5' }],
    // 1234.5 -> 1235; tax 61.75 -> 62
    expected: { taxGroups: [['C', '1235', '62']], net: '1235', tax: '62', total: '1297' },
  },
  {
    name: 'JPY-like (0 digits), two lines in one group',
    currency: 'JPY',
    lines: [
      { quantity: '3', unitPrice: '333.33', taxGroup: 'B', taxRate: '16' },
      { quantity: '1', unitPrice: '0.5', taxGroup: 'B', taxRate: '16' },
    ],
    // 999.99 -> 1000; 0.5 -> 1; base 1001, tax 160.16 -> 160
    expected: {
      lines: ['1000', '1'],
      taxGroups: [['B', '1001', '160']],
      net: '1001',
      tax: '160',
      total: '1161',
    },
  },
  {
    name: 'KWD (3 digits)',
    currency: 'KWD',
    lines: [{ quantity: '7', unitPrice: '1.2345', taxGroup: 'O', taxRate: '1' }],
    // 8.6415 -> 8.642; tax 0.08642 -> 0.086
    expected: { taxGroups: [['O', '8.642', '0.086']], net: '8.642', tax: '0.086', total: '8.728' },
  },
  {
    name: 'CDF, large amounts stay exact',
    currency: 'CDF',
    lines: [{ quantity: '1000000', unitPrice: '2850.125', taxGroup: 'B', taxRate: '16' }],
    // 2 850 125 000.00; tax 456 020 000.00
    expected: {
      taxGroups: [['B', '2850125000.00', '456020000.00']],
      net: '2850125000.00',
      tax: '456020000.00',
      total: '3306145000.00',
    },
  },
]

test.group('Money / computeTotals (the README table)', () => {
  for (const example of TOTALS_CASES) {
    test(example.name, ({ assert }) => {
      const totals = computeTotals(example.currency, example.lines)
      assert.deepEqual(
        totals.taxGroups.map((group) => [group.taxGroup, group.base, group.tax]),
        example.expected.taxGroups
      )
      if (example.expected.lines)
        assert.deepEqual(
          totals.lines.map((line) => line.net),
          example.expected.lines
        )
      assert.deepEqual(
        [totals.net, totals.tax, totals.total],
        [example.expected.net, example.expected.tax, example.expected.total]
      )
    })
  }

  test('refuses a negative quantity, a discount above the line and two rates in one group, naming the line', ({
    assert,
  }) => {
    const line = { quantity: '1', unitPrice: '10', taxGroup: 'B', taxRate: '16' }
    const refusal = (lines: MoneyLineInput[]) => {
      try {
        computeTotals('USD', lines)
      } catch (error) {
        if (error instanceof MoneyLineError) return [error.line, error.field]
        throw error
      }
      return null
    }
    assert.deepEqual(refusal([line, { ...line, quantity: '-1' }]), [1, 'quantity'])
    assert.deepEqual(refusal([{ ...line, discount: { amount: '10.01' } }]), [0, 'discount'])
    assert.deepEqual(refusal([{ ...line, discount: { percent: '101' } }]), [0, 'discount'])
    assert.deepEqual(refusal([line, { ...line, taxRate: '5' }]), [1, 'taxRate'])
    assert.isNull(refusal([{ ...line, discount: { percent: '100' } }]))
  })

  test('converts at a rate, rounded to the target currency', ({ assert }) => {
    assert.equal(convertAmount('100.00', '2850.5', 'CDF'), '285050.00')
    assert.equal(convertAmount('1000.00', '0.000350877193', 'USD'), '0.35')
    assert.equal(convertAmount('10.00', '655.957', 'XAF'), '6560')
  })
})
