import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import UiTree from '../src/components/UiTree.vue'
import type { TreeNode } from '../src/types'

const accounts: TreeNode[] = [
  {
    id: '5',
    label: 'Trésorerie',
    children: [
      { id: '52', label: 'Banques', children: [{ id: '521', label: 'Banques locales' }] },
      { id: '57', label: 'Caisse' },
    ],
  },
  { id: '7', label: 'Produits' },
]

afterEach(() => {
  document.body.innerHTML = ''
})

const labels = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('[role="treeitem"]').map((item) => item.text())

describe('UiTree', () => {
  it('is a named tree showing the open branches only, each item with its level', async () => {
    const wrapper = mount(UiTree, {
      props: { items: accounts, label: 'Plan comptable', expanded: ['5'] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.get('[role="tree"]').attributes('aria-label')).toBe('Plan comptable')
    expect(labels(wrapper)).toEqual(['Trésorerie', 'Banques', 'Caisse', 'Produits'])
    const items = wrapper.findAll('[role="treeitem"]')
    expect(items.map((item) => item.attributes('aria-level'))).toEqual(['1', '2', '2', '1'])
    expect(items[0].attributes('aria-expanded')).toBe('true')
    expect(items[1].attributes('aria-expanded')).toBe('false')
  })

  it('opens a branch with the right arrow and picks a node with Enter, giving back its id', async () => {
    const wrapper = mount(UiTree, {
      props: { items: accounts, label: 'Plan comptable', expanded: ['5'] },
      attachTo: document.body,
    })
    await flushPromises()
    const banks = wrapper.findAll('[role="treeitem"]')[1]
    await banks.trigger('keydown', { key: 'ArrowRight' })
    expect(wrapper.emitted('update:expanded')?.at(-1)).toEqual([['5', '52']])
    await wrapper.setProps({ expanded: ['5', '52'] })
    expect(labels(wrapper)).toEqual([
      'Trésorerie',
      'Banques',
      'Banques locales',
      'Caisse',
      'Produits',
    ])
    await wrapper.findAll('[role="treeitem"]')[2].trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['521'])
    await wrapper.setProps({ modelValue: '521' })
    expect(wrapper.findAll('[role="treeitem"]')[2].attributes('aria-selected')).toBe('true')
  })
})
