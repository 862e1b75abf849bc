import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UiTable from '../src/components/UiTable.vue'
import { testI18n } from './helpers'

const columns = [
  { key: 'name', label: 'Nom', sortable: true },
  { key: 'amount', label: 'Montant', sortable: true, align: 'end' as const },
]
const rows = [
  { id: 1, name: 'Élodie', amount: 30 },
  { id: 2, name: 'alpha', amount: 100 },
  { id: 3, name: 'Zaïre Bois', amount: 5 },
]

function names(wrapper: ReturnType<typeof mount>): string[] {
  return wrapper.findAll('tbody tr').map((row) => row.find('td').text())
}

describe('UiTable', () => {
  it('sorts locally with accents and case ignored, toggling the order on a second click', async () => {
    const wrapper = mount(UiTable, {
      props: { columns, rows, rowKey: 'id' },
      global: { plugins: [testI18n()] },
    })
    expect(names(wrapper)).toEqual(['Élodie', 'alpha', 'Zaïre Bois'])
    const nameHeader = wrapper.findAll('th')[0]
    await nameHeader.get('button').trigger('click')
    await wrapper.setProps({ sort: wrapper.emitted<[unknown]>('update:sort')!.at(-1)![0] as never })
    expect(names(wrapper)).toEqual(['alpha', 'Élodie', 'Zaïre Bois'])
    expect(nameHeader.attributes('aria-sort')).toBe('ascending')
    await nameHeader.get('button').trigger('click')
    expect(wrapper.emitted<[unknown]>('update:sort')!.at(-1)![0]).toEqual({
      key: 'name',
      order: 'desc',
    })
  })

  it('leaves the order to the server in server mode', async () => {
    const wrapper = mount(UiTable, {
      props: {
        columns,
        rows,
        rowKey: 'id',
        sortMode: 'server',
        sort: { key: 'amount', order: 'asc' },
      },
      global: { plugins: [testI18n()] },
    })
    expect(names(wrapper)).toEqual(['Élodie', 'alpha', 'Zaïre Bois'])
  })

  it('labels cells for the stacked phone layout and shows an empty state in the current language', async () => {
    const wrapper = mount(UiTable, {
      props: { columns, rows, rowKey: 'id' },
      global: { plugins: [testI18n('en')] },
    })
    expect(wrapper.findAll('td').map((cell) => cell.attributes('data-label'))).toContain('Montant')
    await wrapper.setProps({ rows: [] })
    expect(wrapper.text()).toContain('Nothing to show')
  })

  it('shows a cell on a phone card without its label when its column says so', () => {
    const wrapper = mount(UiTable, {
      props: {
        columns: [{ key: 'name', label: 'Nom', cardLabel: false }, ...columns.slice(1)],
        rows,
        rowKey: 'id',
      },
      global: { plugins: [testI18n()] },
    })
    const [name, amount] = wrapper.find('tbody tr').findAll('td')
    expect(name.classes()).toContain('ia-table__cell--unlabelled')
    expect(amount.classes()).not.toContain('ia-table__cell--unlabelled')
    expect(amount.attributes('data-label')).toBe('Montant')
  })
})
