import { isApiError, usePlatformSession } from '@ia/sdk'
import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import { applyLocale, currentLocale } from '../i18n'
import type { ModuleHost } from '../modules/module-host'
import './meta'

const routes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('../views/auth/SignInView.vue'),
    meta: { public: true, guestOnly: true, titleKey: 'auth.signIn.title' },
  },
  {
    path: '/sign-up',
    name: 'sign-up',
    component: () => import('../views/auth/SignUpView.vue'),
    meta: { public: true, guestOnly: true, titleKey: 'auth.signUp.title' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('../views/auth/ForgotPasswordView.vue'),
    meta: { public: true, titleKey: 'auth.forgot.title' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('../views/auth/ResetPasswordView.vue'),
    meta: { public: true, titleKey: 'auth.reset.title' },
  },
  {
    path: '/verify-email',
    name: 'verify-email',
    component: () => import('../views/auth/VerifyEmailView.vue'),
    props: { link: 'verify' },
    meta: { public: true, titleKey: 'auth.verify.title' },
  },
  {
    path: '/confirm-email',
    name: 'confirm-email',
    component: () => import('../views/auth/VerifyEmailView.vue'),
    props: { link: 'change' },
    meta: { public: true, titleKey: 'auth.emailChange.title' },
  },
  {
    path: '/invitations/:token',
    name: 'invitation',
    component: () => import('../views/auth/InvitationView.vue'),
    props: true,
    meta: { public: true, titleKey: 'invitation.title' },
  },
  // A module's page for people without an account, e.g. a customer's invoice link: /public/invoicing/<token>.
  {
    path: '/public/:moduleId/:token',
    name: 'public-page',
    component: () => import('../views/PublicModuleView.vue'),
    props: true,
    meta: { public: true, titleKey: 'publicPage.title' },
  },
  {
    path: '/unavailable',
    name: 'unavailable',
    component: () => import('../views/UnavailableView.vue'),
    meta: { public: true, titleKey: 'unavailable.title' },
  },
  {
    path: '/',
    name: 'app',
    component: () => import('../layouts/AppLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../views/HomeView.vue'),
        meta: { titleKey: 'home.title' },
      },
      {
        path: 'organizations/new',
        name: 'create-organization',
        component: () => import('../views/CreateOrganizationView.vue'),
        meta: { withoutOrganization: true, titleKey: 'createOrganization.title' },
      },
      {
        path: 'profile',
        name: 'profile',
        component: () => import('../views/ProfileView.vue'),
        meta: { withoutOrganization: true, titleKey: 'profile.title' },
      },
      {
        path: 'settings/organization',
        name: 'organization-settings',
        component: () => import('../views/settings/OrganizationSettingsView.vue'),
        meta: { requiresAdmin: true, titleKey: 'organization.title' },
      },
      {
        path: 'settings/members',
        name: 'members',
        component: () => import('../views/settings/MembersView.vue'),
        meta: { titleKey: 'members.title' },
      },
      {
        path: 'settings/modules',
        name: 'modules',
        component: () => import('../views/settings/ModulesView.vue'),
        meta: { titleKey: 'modules.title' },
      },
      {
        path: 'settings/audit-log',
        name: 'audit-log',
        component: () => import('../views/settings/AuditLogView.vue'),
        meta: { requiresAdmin: true, titleKey: 'auditLog.title' },
      },
      {
        path: 'settings/jobs',
        name: 'jobs',
        component: () => import('../views/settings/JobsView.vue'),
        meta: { requiresAdmin: true, titleKey: 'jobs.title' },
      },
      // The UI kit's developer page: reachable by its address, in no menu.
      {
        path: 'dev/ui',
        name: 'dev-ui',
        component: () => import('../views/dev/DevUiView.vue'),
        meta: { withoutOrganization: true, titleKey: 'devUi.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
]

/** The shell's router with its own pages; modules add theirs at run time. */
export function createShellRouter(): Router {
  return createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
}

/** Guards every navigation: session, organisation, admin-only pages, and deep links into modules not loaded yet. */
export function installGuards(router: Router, moduleHost: ModuleHost): void {
  router.beforeEach(async (to) => {
    const session = usePlatformSession()
    try {
      const firstLoad = !session.loaded
      await session.load()
      if (firstLoad && session.user && session.user.locale !== currentLocale())
        applyLocale(session.user.locale)
    } catch (error) {
      if (to.name === 'unavailable') return true
      if (isApiError(error) && (error.status === 0 || error.status >= 500))
        return { name: 'unavailable', query: { redirect: to.fullPath } }
      throw error
    }

    if (to.meta.public) {
      return to.meta.guestOnly && session.isAuthenticated ? { name: 'home' } : true
    }
    if (!session.isAuthenticated)
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (!session.currentOrganization && !(await session.restoreOrganization())) {
      return to.meta.withoutOrganization ? true : { name: 'create-organization' }
    }

    const modulesLoaded = moduleHost.load(session.currentOrgId!)
    if (to.name === 'not-found') {
      // A deep link into a module arrives before its routes exist: wait for them, then resolve the URL again.
      await modulesLoaded
      if (router.resolve(to.fullPath).name !== 'not-found') return to.fullPath
    }
    if (to.meta.requiresAdmin && !session.isAdmin) return { name: 'home' }
    if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'home' }
    return true
  })
}
