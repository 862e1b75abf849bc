import { flushPromises, mount } from '@vue/test-utils'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import UiDataTable from '../src/components/UiDataTable.vue'
import { columnPreferencesKey } from '../src/components/data-table/column-preferences'
import { buildExport } from '../src/components/data-table/export'
import { setPreferenceStore } from '../src/preferences'
import type { DataTableColumn } from '../src/types'
import { testI18n } from './helpers'

interface Person {
  id: number
  name: string
  city: string
  kind: string
  tags: string[]
}

const columns: DataTableColumn<Person>[] = [
  {
    key: 'name',
    label: 'Nom',
    sortable: true,
    frozen: true,
    width: 200,
    filter: 'text',
    editable: true,
    hideable: false,
  },
  { key: 'city', label: 'Ville', filter: 'text', editable: (row) => row.kind === 'company' },
  {
    key: 'kind',
    label: 'Nature',
    filter: {
      options: [
        { value: 'company', label: 'Société' },
        { value: 'individual', label: 'Personne' },
      ],
    },
  },
  { key: 'tags', label: 'Étiquettes', hiddenByDefault: true },
]

function people(count: number): Person[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    name: `Contact ${index + 1}`,
    city: index % 2 ? 'Lubumbashi' : 'Kinshasa',
    kind: index % 2 ? 'individual' : 'company',
    tags: ['vip', 'export'],
  }))
}

async function mountTable(props: Record<string, unknown> = {}, locale: 'fr' | 'en' = 'fr') {
  // Instantiated for Person rows so the columns' row callbacks type-check.
  const wrapper = mount(UiDataTable<Person>, {
    props: {
      caption: 'Contacts',
      tableId: 'tests.people',
      userId: 7,
      columns,
      rows: people(3),
      rowKey: 'id',
      ...props,
    },
    global: { plugins: [testI18n(locale)] },
    attachTo: document.body,
  })
  // The virtualizer measures the scrolling area once mounted, then renders the rows in view.
  await flushPromises()
  return wrapper
}

const headers = (wrapper: Awaited<ReturnType<typeof mountTable>>) =>
  wrapper.findAll('thead tr:first-child th').map((th) => th.text())

beforeEach(() => {
  localStorage.clear()
  // happy-dom lays nothing out: give the scrolling area the height of a screen so rows come into view.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800)
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('UiDataTable', () => {
  it('asks the server for a sort from the header, ascending first then descending, and names it for screen readers', async () => {
    const wrapper = await mountTable({ sort: { key: 'city', order: 'asc' } })
    const nameHeader = wrapper.find('thead th')
    expect(nameHeader.attributes('aria-sort')).toBe('none')
    await nameHeader.get('button').trigger('click')
    expect(wrapper.emitted('update:sort')!.at(-1)).toEqual([{ key: 'name', order: 'asc' }])
    await wrapper.setProps({ sort: { key: 'name', order: 'asc' } })
    expect(nameHeader.attributes('aria-sort')).toBe('ascending')
    await nameHeader.get('button').trigger('click')
    expect(wrapper.emitted('update:sort')!.at(-1)).toEqual([{ key: 'name', order: 'desc' }])
    // Columns without `sortable` offer no sort.
    expect(wrapper.findAll('thead tr:first-child th')[1].find('button').exists()).toBe(false)
  })

  it('emits text filters after a pause in typing and choices at once', async () => {
    const wrapper = await mountTable({ filters: { kind: '' } })
    vi.useFakeTimers()
    const search = wrapper.get('input[aria-label="Filtrer par Nom"]')
    await search.setValue('kin')
    expect(wrapper.emitted('update:filters')).toBeUndefined()
    vi.advanceTimersByTime(300)
    expect(wrapper.emitted('update:filters')!.at(-1)).toEqual([{ kind: '', name: 'kin' }])
    await wrapper.get('select[aria-label="Filtrer par Nature"]').setValue('company')
    expect(wrapper.emitted('update:filters')!.at(-1)).toEqual([{ kind: 'company', name: 'kin' }])
  })

  it('selects rows one by one and all loaded rows at once', async () => {
    const wrapper = await mountTable({ selectable: true, selection: [] })
    await wrapper.get('input[aria-label="Sélectionner la ligne 2"]').setValue(true)
    expect(wrapper.emitted('update:selection')!.at(-1)).toEqual([['2']])
    await wrapper.get('input[aria-label="Sélectionner toutes les lignes chargées"]').setValue(true)
    expect(wrapper.emitted('update:selection')!.at(-1)![0]).toEqual(['1', '2', '3'])
    await wrapper.setProps({ selection: ['1', '2', '3'] })
    expect(wrapper.findAll('tbody tr[aria-selected="true"]')).toHaveLength(3)
  })

  it('keeps frozen columns at the left, after the selection column', async () => {
    const wrapper = await mountTable({ selectable: true })
    const [selectHeader, nameHeader, cityHeader] = wrapper.findAll('thead tr:first-child th')
    expect(selectHeader.classes()).toContain('ia-datatable__frozen')
    expect(nameHeader.classes()).toContain('ia-datatable__frozen--last')
    expect(nameHeader.attributes('style')).toContain('left: 44px')
    expect(cityHeader.classes()).not.toContain('ia-datatable__frozen')
  })

  it('keeps each user’s column choice in localStorage, per table', async () => {
    const wrapper = await mountTable()
    expect(headers(wrapper)).toEqual(['Nom', 'Ville', 'Nature'])
    const choices = wrapper.findAll('.ia-datatable__choice input')
    // "Nom" cannot be hidden, so the chooser lists the three others.
    expect(choices).toHaveLength(3)
    await choices[0].setValue(false)
    await choices[2].setValue(true)
    expect(headers(wrapper)).toEqual(['Nom', 'Nature', 'Étiquettes'])
    expect(JSON.parse(localStorage.getItem(columnPreferencesKey('tests.people', 7))!)).toEqual([
      'city',
    ])
    wrapper.unmount()

    expect(headers(await mountTable())).toEqual(['Nom', 'Nature', 'Étiquettes'])
    expect(headers(await mountTable({ userId: 8 }))).toEqual(['Nom', 'Ville', 'Nature'])
  })

  it('keeps the column choice on the server for the signed-in user, localStorage answering first', async () => {
    const saved = new Map<string, unknown>([['data-table.tests.people.hidden-columns', ['kind']]])
    const saves: [string, unknown][] = []
    let answer: () => void = () => {}
    setPreferenceStore({
      load: (key) => new Promise((resolve) => (answer = () => resolve(saved.get(key) ?? null))),
      save: async (key, value) => {
        saves.push([key, value])
      },
    })
    try {
      // Another device chose to hide "Nature"; this browser still has the older choice in its cache.
      localStorage.setItem(columnPreferencesKey('tests.people', 7), JSON.stringify(['city']))
      const wrapper = await mountTable()
      expect(headers(wrapper)).toEqual(['Nom', 'Nature', 'Étiquettes'])
      answer()
      await flushPromises()
      expect(headers(wrapper)).toEqual(['Nom', 'Ville', 'Étiquettes'])
      expect(JSON.parse(localStorage.getItem(columnPreferencesKey('tests.people', 7))!)).toEqual([
        'kind',
      ])
      // Reading the server's copy wrote nothing back; a choice of the user's is saved there.
      expect(saves).toEqual([])
      await wrapper.findAll('.ia-datatable__choice input')[1].setValue(true)
      expect(headers(wrapper)).toEqual(['Nom', 'Ville', 'Nature', 'Étiquettes'])
      expect(saves).toEqual([['data-table.tests.people.hidden-columns', []]])
    } finally {
      setPreferenceStore(null)
    }
  })

  it('keeps a choice made while the server copy was on its way', async () => {
    let answer: () => void = () => {}
    setPreferenceStore({
      load: () => new Promise((resolve) => (answer = () => resolve(['name', 'city']))),
      save: async () => {},
    })
    try {
      const wrapper = await mountTable()
      await wrapper.findAll('.ia-datatable__choice input')[2].setValue(true)
      answer()
      await flushPromises()
      expect(headers(wrapper)).toEqual(['Nom', 'Ville', 'Nature', 'Étiquettes'])
    } finally {
      setPreferenceStore(null)
    }
  })

  it('edits a cell in place from the keyboard: Enter opens, Enter saves, Escape gives up', async () => {
    const rows = people(2)
    const wrapper = await mountTable({ rows })
    // A cell's accessible name is what it shows, then what Enter does (its text: visible value, hidden hint).
    const editable = (text: string) =>
      wrapper
        .findAll('.ia-datatable__editable')
        .find((cell) => cell.element.textContent?.replace(/\s+/g, ' ').trim() === text)
    const cell = editable('Kinshasa (modifier Ville)')!
    expect(cell.attributes('role')).toBe('button')
    // The second row is a person: its city is not editable.
    expect(editable('Lubumbashi (modifier Ville)')).toBeUndefined()
    await cell.trigger('keydown', { key: 'Enter' })
    const editor = wrapper.get('input.ia-datatable__editor')
    expect(document.activeElement).toBe(editor.element)
    await editor.setValue('Matadi')
    await editor.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('edit')).toEqual([[{ row: rows[0], key: 'city', value: 'Matadi' }]])

    await editable('Contact 2 (modifier Nom)')!.trigger('keydown', { key: 'Enter' })
    await wrapper.get('input.ia-datatable__editor').setValue('Autre nom')
    await wrapper.get('input.ia-datatable__editor').trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('input.ia-datatable__editor').exists()).toBe(false)
    expect(wrapper.emitted('edit')).toHaveLength(1)
  })

  it('renders only a window of 10,000 rows and counts them all for screen readers', async () => {
    const wrapper = await mountTable({ rows: people(10_000), total: 10_000 })
    await flushPromises()
    const rendered = wrapper.findAll('tbody tr:not(.ia-datatable__spacer)')
    expect(rendered.length).toBeGreaterThan(0)
    expect(rendered.length).toBeLessThan(60)
    expect(wrapper.get('table').attributes('aria-rowcount')).toBe('10001')
    expect(rendered[0].attributes('aria-rowindex')).toBe('2')
    expect(wrapper.get('.ia-datatable__status').text()).toBe('10\u202f000 sur 10\u202f000 lignes')
  })

  it('asks for the next page near the end of the loaded rows, never while loading or after a failure', async () => {
    const wrapper = await mountTable({ rows: people(5), hasMore: true, loading: true })
    await flushPromises()
    expect(wrapper.emitted('load-more')).toBeUndefined()
    await wrapper.setProps({ loading: false })
    await flushPromises()
    expect(wrapper.emitted('load-more')).toHaveLength(1)
    await wrapper.setProps({ hasMore: true, error: 'Refusé', rows: people(6) })
    expect(wrapper.emitted('load-more')).toHaveLength(1)
    await wrapper.setProps({ error: null, hasMore: true })
    await wrapper.get('.ia-datatable__footer button').trigger('click')
    expect(wrapper.emitted('load-more')!.length).toBeGreaterThanOrEqual(2)
  })

  it('shows the server’s refusal in place of the rows, with a retry', async () => {
    const wrapper = await mountTable(
      { error: 'Le champ « sort » doit être name, createdAt ou updatedAt.' },
      'fr'
    )
    expect(wrapper.findAll('tbody tr')).toHaveLength(0)
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('Le champ « sort » doit être')
    await alert.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('speaks English', async () => {
    const wrapper = await mountTable({ total: 40 }, 'en')
    expect(wrapper.text()).toContain('3 of 40 rows')
    expect(wrapper.find('input[aria-label="Filter by Nom"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Columns')
  })
})

describe('data table export', () => {
  const exported = columns.slice(0, 4)

  it('writes the given rows and columns as CSV with a byte-order mark', async () => {
    const blob = await buildExport(people(2), exported, 'csv', 'Contacts')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer())
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1).trim().split(/\r?\n/)).toEqual([
      'Nom,Ville,Nature,Étiquettes',
      'Contact 1,Kinshasa,company,"vip, export"',
      'Contact 2,Lubumbashi,individual,"vip, export"',
    ])
    expect(blob.type).toBe('text/csv;charset=utf-8')
  })

  it('writes an XLSX workbook that reads back the same', async () => {
    const withExportValue: DataTableColumn<Person>[] = [
      ...exported.slice(0, 1),
      { key: 'id', label: 'N°', exportValue: (row) => row.id * 10 },
    ]
    const blob = await buildExport(people(3), withExportValue, 'xlsx', 'Contacts: [liste]')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await blob.arrayBuffer())
    const sheet = workbook.worksheets[0]
    expect(sheet.name).toBe('Contacts   liste ')
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nom', 'N°'])
    expect(sheet.getRow(4).values).toEqual([undefined, 'Contact 3', 30])
  })
})

describe('UiDataTable rows that open their record', () => {
  it('opens the row clicked anywhere but on its links, buttons and editable cells', async () => {
    const opened: number[] = []
    const wrapper = await mountTable({ openRow: (row: Person) => opened.push(row.id) })
    const rows = wrapper.findAll('tbody tr[aria-rowindex]')
    expect(rows[1].classes()).toContain('ia-datatable__row--link')
    await rows[1].findAll('td')[2].trigger('click')
    expect(opened).toEqual([2])
    // The name and the city are editable: a click there is for editing, not for opening.
    await rows[0].find('[role="button"]').trigger('click')
    expect(opened).toEqual([2])
  })

  it('is a plain table without openRow', async () => {
    const wrapper = await mountTable()
    expect(wrapper.find('tbody tr[aria-rowindex]').classes()).not.toContain(
      'ia-datatable__row--link'
    )
  })
})

describe('UiDataTable on a phone', () => {
  function pretendPhone(matches: boolean) {
    vi.stubGlobal(
      'matchMedia',
      vi.fn(() => ({ matches, addEventListener: vi.fn(), removeEventListener: vi.fn() }))
    )
  }
  afterEach(() => vi.unstubAllGlobals())

  it('draws each row as a card: its first column as title, then its filled columns with their labels', async () => {
    pretendPhone(true)
    const rows = people(2)
    rows[1].city = ''
    const opened: number[] = []
    const wrapper = await mountTable({ rows, openRow: (row: Person) => opened.push(row.id) })
    expect(wrapper.find('table').exists()).toBe(false)
    const cards = wrapper.findAll('.ia-datatable__card')
    expect(cards).toHaveLength(2)
    expect(cards[0].get('.ia-datatable__card-title').text()).toBe('Contact 1')
    expect(cards[0].findAll('dt').map((label) => label.text())).toEqual(['Ville', 'Nature'])
    expect(cards[0].findAll('dd').map((value) => value.text())).toEqual(['Kinshasa', 'company'])
    // An empty city leaves no empty label behind.
    expect(cards[1].findAll('dt').map((label) => label.text())).toEqual(['Nature'])
    await cards[1].trigger('click')
    expect(opened).toEqual([2])
  })

  it('leaves off the card the columns marked so, and shows at most cardFields of them', async () => {
    pretendPhone(true)
    const wrapper = await mountTable({
      columns: [
        columns[0],
        { ...columns[1], onCard: false },
        columns[2],
        { key: 'tags', label: 'Étiquettes' },
      ],
      cardFields: 1,
    })
    expect(
      wrapper
        .findAll('.ia-datatable__card')[0]
        .findAll('dt')
        .map((label) => label.text())
    ).toEqual(['Nature'])
  })

  it('is a table on a wide screen', async () => {
    pretendPhone(false)
    const wrapper = await mountTable()
    expect(wrapper.find('table').exists()).toBe(true)
    expect(wrapper.find('.ia-datatable__card').exists()).toBe(false)
  })
})
