import { nextTick, onBeforeUnmount, ref, type Ref } from 'vue'
import { useRouter } from 'vue-router'

/** How long a page (a module's page loads its code first) may take to show its heading before focus stays where it is (ms). */
const HEADING_WAIT_MS = 4000

/** A list page's main action ("New contact") carries this attribute; the skip link leads to it. */
export const MAIN_ACTION_SELECTOR = '[data-main-action]'

/** Resolves with the first element under `root` matching `selector`, as soon as it is rendered, or null after `timeout` ms. */
function rendered(
  root: HTMLElement,
  selector: string,
  timeout: number
): Promise<HTMLElement | null> {
  const found = root.querySelector<HTMLElement>(selector)
  if (found) return Promise.resolve(found)
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const element = root.querySelector<HTMLElement>(selector)
      if (element) finish(element)
    })
    const timer = setTimeout(() => finish(null), timeout)
    function finish(element: HTMLElement | null) {
      observer.disconnect()
      clearTimeout(timer)
      resolve(element)
    }
    observer.observe(root, { childList: true, subtree: true })
  })
}

/**
 * After each navigation to another page, moves focus to the new page's heading, so that keyboard and
 * screen-reader users start on the page they opened instead of the link they left behind; a change of
 * the query alone (a filter) keeps focus where it is, and so does a field the page focused itself.
 * Also finds the page's main action, for the skip link that leads to it.
 */
export function usePageFocus(main: Ref<HTMLElement | null>) {
  const router = useRouter()
  /** The main action of the page shown, when it has one. */
  const mainAction = ref<HTMLElement | null>(null)
  let navigation = 0

  async function settle(moveFocus: boolean) {
    const root = main.value
    if (!root) return
    const current = ++navigation
    mainAction.value = null
    // The router has decided; the new page replaces the old one at the next render.
    await nextTick()
    const heading = await rendered(root, 'h1', HEADING_WAIT_MS)
    if (current !== navigation || !heading) return
    mainAction.value = root.querySelector<HTMLElement>(MAIN_ACTION_SELECTOR)
    const active = document.activeElement
    if (!moveFocus || (active && active !== root && root.contains(active))) return
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
    heading.focus({ preventScroll: true })
  }

  const stop = router.afterEach((to, from, failure) => {
    if (failure) return
    // The first page of a visit starts at the top of the document, where the skip links are.
    const firstPage = from.matched.length === 0
    if (!firstPage && to.path === from.path) return
    void settle(!firstPage)
  })
  onBeforeUnmount(stop)

  /** Moves focus to the page's main action (the skip link's target). */
  function focusMainAction() {
    mainAction.value?.focus()
  }

  return { mainAction, focusMainAction, settle }
}
