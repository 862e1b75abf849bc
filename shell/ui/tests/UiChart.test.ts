import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import UiChart from '../src/components/UiChart.vue'
import { chartOption, waterfallSteps, type ChartTheme } from '../src/components/chart/options'
import { testI18n } from './helpers'

// ECharts needs a real canvas; what it is given is checked through chartOption below.
vi.mock('../src/components/chart/ChartCanvas.vue', async () => {
  const { defineComponent, h } = await import('vue')
  const stub = defineComponent({
    name: 'ChartCanvas',
    props: ['input', 'locale', 'format', 'totalLabel'],
    setup: () => () => h('div'),
  })
  return { __esModule: true, default: stub }
})

const theme: ChartTheme = {
  palette: ['#111111', '#222222'],
  text: '#333333',
  muted: '#444444',
  border: '#555555',
  surface: '#ffffff',
  rise: '#00aa00',
  fall: '#aa0000',
  total: '#0000aa',
}
const plain = (value: number) => String(value)
type Series = { type: string; stack?: string; radius?: unknown; data: unknown[] }

describe('chart options', () => {
  it('stacks the bars of a stacked bar chart and not those of a bar chart', () => {
    const input = {
      categories: ['T1', 'T2'],
      series: [
        { name: 'CDF', data: [1, 2] },
        { name: 'USD', data: [3, null] },
      ],
    }
    const stacked = chartOption({ type: 'stacked-bar', ...input }, theme, plain, 'Total')
      .series as Series[]
    expect(stacked.map((series) => [series.type, series.stack])).toEqual([
      ['bar', 'total'],
      ['bar', 'total'],
    ])
    const bars = chartOption({ type: 'bar', ...input }, theme, plain, 'Total').series as Series[]
    expect(bars.every((series) => series.stack === undefined)).toBe(true)
    const line = chartOption({ type: 'line', ...input }, theme, plain, 'Total')
    expect((line.series as Series[])[1].data).toEqual([3, null])
    expect(line.color).toEqual(theme.palette)
  })

  it('fits a line to its values and shows only the labels that fit on a long series; bars keep zero and every label', () => {
    const days = Array.from({ length: 90 }, (_, index) => `J${index + 1}`)
    const line = chartOption(
      {
        type: 'line',
        categories: days,
        series: [{ name: 'USD → CDF', data: days.map((_, index) => 2800 + index) }],
      },
      theme,
      plain,
      'Total'
    )
    expect((line.yAxis as { scale: boolean }).scale).toBe(true)
    expect((line.xAxis as { axisLabel: { interval: unknown } }).axisLabel.interval).toBe('auto')
    const bars = chartOption(
      { type: 'bar', categories: ['T1', 'T2'], series: [{ name: 'CDF', data: [1, 2] }] },
      theme,
      plain,
      'Total'
    )
    expect((bars.yAxis as { scale: boolean }).scale).toBe(false)
    expect((bars.xAxis as { axisLabel: { interval: unknown } }).axisLabel.interval).toBe(0)
  })

  it('draws a donut as a pie with a hole, slices named after the categories', () => {
    const option = chartOption(
      {
        type: 'donut',
        categories: ['Cash', 'M-Pesa'],
        series: [{ name: 'Encaissements', data: [40, 60] }],
      },
      theme,
      plain,
      'Total'
    )
    const [pie] = option.series as Series[]
    expect(pie.type).toBe('pie')
    expect(pie.radius).toEqual(['45%', '70%'])
    expect(pie.data).toEqual([
      { name: 'Cash', value: 40 },
      { name: 'M-Pesa', value: 60 },
    ])
  })

  it('walks a waterfall from zero and ends on the total', () => {
    expect(waterfallSteps(['Ventes', 'Achats', 'Salaires'], [100, -30, -90], 'Total')).toEqual([
      { category: 'Ventes', from: 0, to: 100, change: 100, isTotal: false },
      { category: 'Achats', from: 100, to: 70, change: -30, isTotal: false },
      { category: 'Salaires', from: 70, to: -20, change: -90, isTotal: false },
      { category: 'Total', from: 0, to: -20, change: -20, isTotal: true },
    ])
  })

  it('splits a waterfall step that crosses zero into its parts above and below', () => {
    const option = chartOption(
      {
        type: 'waterfall',
        categories: ['Ventes', 'Achats', 'Salaires'],
        series: [{ name: 'Résultat', data: [100, -30, -90] }],
      },
      theme,
      plain,
      'Total'
    )
    const [baseAbove, baseBelow, above, below] = option.series as Series[]
    const values = (series: Series) =>
      series.data.map((item) =>
        typeof item === 'number' ? item : (item as { value: number }).value
      )
    // Salaires goes from 70 down to -20: 70 above zero, 20 below.
    expect(values(baseAbove)).toEqual([0, 70, 0, 0])
    expect(values(above)).toEqual([100, 30, 70, 0])
    expect(values(baseBelow)).toEqual([0, 0, 0, 0])
    expect(values(below)).toEqual([0, 0, -20, -20])
    const colours = (above.data as { itemStyle: { color: string } }[]).map(
      (item) => item.itemStyle.color
    )
    expect(colours).toEqual(['#00aa00', '#aa0000', '#aa0000', '#0000aa'])
  })
})

describe('UiChart', () => {
  const props = {
    type: 'bar' as const,
    title: 'Chiffre d’affaires',
    categories: ['Janvier', 'Février'],
    series: [{ name: 'CDF', data: [1234567.5, 2500] }],
    numberFormat: { minimumFractionDigits: 2 },
  }

  it('shows its numbers as a table on demand, written in French', async () => {
    const wrapper = mount(UiChart, {
      props,
      global: { plugins: [testI18n('fr')] },
      attachTo: document.body,
    })
    await flushPromises()
    const toggle = wrapper.get('button')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(wrapper.get('.ia-chart__numbers').isVisible()).toBe(false)
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(toggle.text()).toBe('Masquer les chiffres')
    const numbers = wrapper.get('.ia-chart__numbers')
    expect(numbers.attributes('id')).toBe(toggle.attributes('aria-controls'))
    expect(numbers.get('caption').text()).toBe('Chiffres du graphique : Chiffre d’affaires')
    expect(numbers.findAll('tbody tr').map((row) => row.text().replace(/\s/g, ' '))).toEqual([
      'Janvier1 234 567,50',
      'Février2 500,00',
    ])
    expect(wrapper.findComponent({ name: 'ChartCanvas' }).props('locale')).toBe('fr')
  })

  it('writes numbers the English way and lists a waterfall’s total', async () => {
    const wrapper = mount(UiChart, {
      props: {
        ...props,
        type: 'waterfall',
        categories: ['Sales', 'Costs'],
        series: [{ name: 'Result', data: [1000, -250.25] }],
      },
      global: { plugins: [testI18n('en')] },
    })
    await flushPromises()
    await wrapper.get('button').trigger('click')
    expect(wrapper.findAll('tbody tr').map((row) => row.text())).toEqual([
      'Sales1,000.00',
      'Costs-250.25',
      'Total749.75',
    ])
    expect(wrapper.findComponent({ name: 'ChartCanvas' }).props('format')(1234.5)).toBe('1,234.50')
  })
})
