import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { usePageFocus } from '../src/composables/usePageFocus'

/** A page whose heading appears a moment after it is entered, as a module's page does once its code is loaded. */
const slowPage = (title: string, action?: string) =>
  defineComponent({
    setup() {
      const ready = ref(false)
      setTimeout(() => (ready.value = true), 20)
      return () =>
        ready.value
          ? h('div', [
              h('h1', title),
              action ? h('a', { 'href': '#', 'data-main-action': '' }, action) : null,
            ])
          : h('p', '…')
    },
  })

function setup() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: slowPage('Accueil') },
      { path: '/contacts', component: slowPage('Contacts', 'Nouveau contact') },
    ],
  })
  const Layout = defineComponent({
    setup() {
      const main = ref<HTMLElement | null>(null)
      const focus = usePageFocus(main)
      return () =>
        h('div', [
          h('a', { href: '#x', id: 'nav' }, 'Contacts'),
          h('main', { ref: main, tabindex: -1 }, [h(RouterView)]),
          h('span', { id: 'action' }, focus.mainAction.value?.textContent ?? ''),
        ])
    },
  })
  return { router, Layout }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60)).then(flushPromises)

afterEach(() => {
  document.body.innerHTML = ''
})

describe('page focus', () => {
  it("moves focus to the new page's heading once it shows, and finds the page's main action", async () => {
    const { router, Layout } = setup()
    await router.push('/')
    const wrapper = mount(Layout, { global: { plugins: [router] }, attachTo: document.body })
    await settle()
    ;(document.getElementById('nav') as HTMLElement).focus()
    await router.push('/contacts')
    await settle()
    expect(document.activeElement?.tagName).toBe('H1')
    expect(document.activeElement?.textContent).toBe('Contacts')
    expect(wrapper.get('#action').text()).toBe('Nouveau contact')

    // A filter in the query is the same page: focus stays where the user put it.
    ;(document.getElementById('nav') as HTMLElement).focus()
    await router.push('/contacts?q=kin')
    await settle()
    expect(document.activeElement?.id).toBe('nav')

    await router.push('/')
    await settle()
    expect(document.activeElement?.textContent).toBe('Accueil')
    expect(wrapper.get('#action').text()).toBe('')
    wrapper.unmount()
  })
})
