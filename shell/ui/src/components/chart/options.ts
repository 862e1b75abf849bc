import type { ChartSeries, ChartType } from '../../types'

/** Colours of a chart, read from the kit's CSS custom properties so light and dark themes apply. */
export interface ChartTheme {
  palette: string[]
  text: string
  muted: string
  border: string
  surface: string
  /** Colours of a waterfall's rises, falls and total. */
  rise: string
  fall: string
  total: string
}

/** What a chart draws, in the kit's terms. */
export interface ChartInput {
  type: ChartType
  categories: string[]
  series: ChartSeries[]
}

/** One waterfall bar: where it starts and ends, and the change it shows. */
export interface WaterfallStep {
  category: string
  from: number
  to: number
  change: number
  isTotal: boolean
}

const PALETTE_SIZE = 6

/** The chart colours of the page, from `--ia-chart-1..6` and the kit's text, border and status colours. */
export function readChartTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  const palette = Array.from({ length: PALETTE_SIZE }, (_, index) =>
    read(`--ia-chart-${index + 1}`, '')
  ).filter(Boolean)
  return {
    palette: palette.length ? palette : [read('--ia-color-primary', '#1f5fbf')],
    text: read('--ia-color-text', '#1d2633'),
    muted: read('--ia-color-text-muted', '#5c6778'),
    border: read('--ia-color-border', '#dbe1ea'),
    surface: read('--ia-color-surface', '#ffffff'),
    rise: read('--ia-color-success', '#17794a'),
    fall: read('--ia-color-danger', '#bf2f2a'),
    total: read('--ia-color-primary', '#1f5fbf'),
  }
}

/** The bars of a waterfall: each change from the running total, then the total itself. */
export function waterfallSteps(
  categories: string[],
  changes: (number | null)[],
  totalLabel: string
): WaterfallStep[] {
  const steps: WaterfallStep[] = []
  let running = 0
  categories.forEach((category, index) => {
    const change = changes[index] ?? 0
    steps.push({ category, from: running, to: running + change, change, isTotal: false })
    running += change
  })
  steps.push({ category: totalLabel, from: 0, to: running, change: running, isTotal: true })
  return steps
}

type Formatter = (value: number) => string

/**
 * Up to this many categories every label is shown (wrapped); past it (the twelve months of a year in a
 * half-width card, 90 days of rates) only those that fit, never overlapping.
 */
const ALL_LABELS_UP_TO = 8

/** Category labels all shown, wrapped onto a second line rather than dropped when they crowd each other; only some on a long series. */
const CATEGORY_LABELS = (theme: ChartTheme, count: number) =>
  count <= ALL_LABELS_UP_TO
    ? { color: theme.muted, interval: 0, width: 64, overflow: 'break', lineHeight: 14 }
    : { color: theme.muted, interval: 'auto', hideOverlap: true }

function axisChart(input: ChartInput, theme: ChartTheme, format: Formatter) {
  const stacked = input.type === 'stacked-bar'
  return {
    legend: { show: input.series.length > 1, bottom: 0, textStyle: { color: theme.text } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? format(value) : ''),
    },
    grid: {
      left: 8,
      right: 16,
      top: 16,
      bottom: input.series.length > 1 ? 40 : 8,
      containLabel: true,
    },
    xAxis: {
      type: 'category',
      data: input.categories,
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: CATEGORY_LABELS(theme, input.categories.length),
    },
    yAxis: {
      type: 'value',
      // A line follows its values (an exchange rate moving around 2 850 is not drawn from zero); bars keep their zero.
      scale: input.type === 'line',
      axisLabel: { color: theme.muted, formatter: format },
      splitLine: { lineStyle: { color: theme.border } },
    },
    series: input.series.map((series) => ({
      name: series.name,
      type: input.type === 'line' ? 'line' : 'bar',
      data: series.data,
      ...(stacked ? { stack: 'total' } : {}),
      ...(input.type === 'line'
        ? { smooth: false, symbolSize: input.categories.length > ALL_LABELS_UP_TO ? 0 : 6 }
        : { barMaxWidth: 48 }),
    })),
  }
}

function pieChart(input: ChartInput, theme: ChartTheme, format: Formatter) {
  const series = input.series[0] ?? { name: '', data: [] }
  return {
    legend: { bottom: 0, type: 'scroll', textStyle: { color: theme.text } },
    tooltip: {
      trigger: 'item',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? format(value) : ''),
    },
    series: [
      {
        name: series.name,
        type: 'pie',
        radius: input.type === 'donut' ? ['45%', '70%'] : '70%',
        center: ['50%', '45%'],
        data: input.categories.map((category, index) => ({
          name: category,
          value: series.data[index] ?? 0,
        })),
        // Slices are named by the legend, the tooltip and the numbers table: labels around a small pie get cut.
        label: { show: false },
        labelLine: { show: false },
        itemStyle: { borderColor: theme.surface, borderWidth: 2 },
      },
    ],
  }
}

/**
 * A waterfall drawn as stacked bars: an invisible base lifts each visible bar to the running total.
 * ECharts stacks positive and negative values apart, so every bar is split at zero into the part above
 * and the part below, which keeps steps that cross zero right.
 */
function waterfallChart(
  input: ChartInput,
  theme: ChartTheme,
  format: Formatter,
  totalLabel: string
) {
  const series = input.series[0] ?? { name: '', data: [] }
  const steps = waterfallSteps(input.categories, series.data, totalLabel)
  const colour = (step: WaterfallStep) =>
    step.isTotal ? theme.total : step.change >= 0 ? theme.rise : theme.fall
  const low = (step: WaterfallStep) => Math.min(step.from, step.to)
  const high = (step: WaterfallStep) => Math.max(step.from, step.to)
  const invisible = { color: 'transparent', borderColor: 'transparent' }
  const part = (value: (step: WaterfallStep) => number) =>
    steps.map((step) => ({ value: value(step), itemStyle: { color: colour(step) } }))
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const step = steps[params[0]?.dataIndex ?? 0]
        return step
          ? `${step.category}: ${step.isTotal ? '' : step.change >= 0 ? '+' : ''}${format(step.change)}`
          : ''
      },
    },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: steps.map((step) => step.category),
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: CATEGORY_LABELS(theme, steps.length),
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: theme.muted, formatter: format },
      splitLine: { lineStyle: { color: theme.border } },
    },
    series: [
      {
        name: 'base-above',
        type: 'bar',
        stack: 'waterfall',
        silent: true,
        itemStyle: invisible,
        data: steps.map((step) => Math.max(low(step), 0)),
      },
      {
        name: 'base-below',
        type: 'bar',
        stack: 'waterfall',
        silent: true,
        itemStyle: invisible,
        data: steps.map((step) => Math.min(high(step), 0)),
      },
      {
        name: series.name,
        type: 'bar',
        stack: 'waterfall',
        barMaxWidth: 48,
        data: part((step) => Math.max(high(step), 0) - Math.max(low(step), 0)),
      },
      {
        name: series.name,
        type: 'bar',
        stack: 'waterfall',
        barMaxWidth: 48,
        data: part((step) => Math.min(low(step), 0) - Math.min(high(step), 0)),
      },
    ],
  }
}

/** The ECharts option drawing `input` in the theme's colours, with values written by `format`. */
export function chartOption(
  input: ChartInput,
  theme: ChartTheme,
  format: Formatter,
  totalLabel: string
): Record<string, unknown> {
  const body =
    input.type === 'pie' || input.type === 'donut'
      ? pieChart(input, theme, format)
      : input.type === 'waterfall'
        ? waterfallChart(input, theme, format, totalLabel)
        : axisChart(input, theme, format)
  return {
    color: theme.palette,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text, fontFamily: 'inherit' },
    aria: { enabled: true },
    animationDuration: 300,
    ...body,
  }
}
