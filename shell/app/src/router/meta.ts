export {}

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Only for visitors who are not signed in (sign-in, sign-up). */
    guestOnly?: boolean
    /** Reachable while the user has no organisation yet. */
    withoutOrganization?: boolean
    /** Only owners and admins of the current organisation. */
    requiresAdmin?: boolean
    /** i18n key of the page title. */
    titleKey?: string
    /** The module whose area this route belongs to. */
    moduleId?: string
  }
}
