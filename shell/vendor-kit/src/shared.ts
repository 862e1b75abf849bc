/** A dependency the shell provides to every remote as a shared singleton, with the version range it guarantees. */
export interface HostSharedDependency {
  name: string
  requiredVersion: string
}

/**
 * What the shell provides to remotes. A remote never ships its own copy of these (`import: false`): two
 * copies of Vue, the router or Pinia would split reactivity, navigation and the session store in two.
 * `@ia/ui` carries Reka UI and `@internationalized/date` inside it (lazy chunks of the one shared module), so they
 * load once however many remotes a page shows; remotes never import them directly.
 */
export const HOST_SHARED: readonly HostSharedDependency[] = [
  { name: 'vue', requiredVersion: '^3.5.0' },
  { name: 'vue-router', requiredVersion: '^5.5.0' },
  { name: 'pinia', requiredVersion: '^4.1.0' },
  { name: 'vue-i18n', requiredVersion: '^11.0.0' },
  { name: '@ia/ui', requiredVersion: '^0.1.0' },
  { name: '@ia/sdk', requiredVersion: '^0.1.0' },
]
