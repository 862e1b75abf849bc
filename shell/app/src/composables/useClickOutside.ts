import { onBeforeUnmount, onMounted, type Ref } from 'vue'

/** Calls `handler` on every click outside `root` while the component is mounted (closing a menu or a panel). */
export function useClickOutside(root: Ref<HTMLElement | null>, handler: () => void): void {
  const onClick = (event: MouseEvent) => {
    if (root.value && !root.value.contains(event.target as Node)) handler()
  }
  onMounted(() => document.addEventListener('click', onClick))
  onBeforeUnmount(() => document.removeEventListener('click', onClick))
}
