import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import InstalledView from '../src/views/InstalledView.vue'
import ModuleDetailView from '../src/views/ModuleDetailView.vue'
import ReviewView from '../src/views/ReviewView.vue'
import VendorPortalView from '../src/views/VendorPortalView.vue'
import { configureSdk } from '@ia/sdk'
import { UiConfirmDialog, uiMessages } from '@ia/ui'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import {
  catalogueModule,
  install,
  modulePage,
  mountRoute,
  refused,
  settle,
  signedInOrganization,
  stubServer,
  vendor,
  type SentRequest,
} from './helpers'

const scopes = {
  data: [
    { scope: 'platform:read', description: 'Voir votre organisation.' },
    { scope: 'contacts:read', description: 'Voir vos clients et fournisseurs.' },
    { scope: 'contacts:write', description: 'Créer et modifier vos clients et fournisseurs.' },
  ],
}
const notifier = { success: vi.fn(), info: vi.fn(), warning: vi.fn(), error: vi.fn() }
const refreshModules = vi.fn(() => Promise.resolve())

function button(label: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((element) =>
    element.textContent?.trim().startsWith(label)
  )
  if (!found) throw new Error(`No button "${label}"`)
  return found
}

beforeEach(() => {
  signedInOrganization('org-1', 'admin')
  configureSdk({ notifier, refreshModules })
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
  vi.clearAllMocks()
})

describe('module page', () => {
  it('installs only after the admin consents to the scopes listed, sending exactly those', async () => {
    let installed = false
    const sent = stubServer((request) => {
      if (request.url.endsWith('/marketplace/installs') && request.method === 'POST') {
        installed = true
        return { status: 201, body: { install: install({ versionId: 'v-110', version: '1.1.0' }) } }
      }
      if (request.url.endsWith('/marketplace/modules/acme-timesheets'))
        return {
          body: {
            module: modulePage({
              installed: installed ? { id: 'inst-1', version: '1.1.0', enabled: true } : null,
            }),
          },
        }
    })
    await mountRoute(ModuleDetailView, '/marketplace/modules/acme-timesheets')
    expect(document.body.textContent).toContain('Feuilles de temps')
    expect(document.body.textContent).toContain('Voir vos clients et fournisseurs.')
    expect(document.body.textContent).toContain('api.timesheets.example')

    button('Installer la v1.1.0').click()
    await settle()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(dialog.textContent).toContain('Installer Feuilles de temps v1.1.0 ?')
    expect(dialog.textContent).toContain('Voir vos clients et fournisseurs.')
    const confirm = dialog.querySelector<HTMLButtonElement>('[data-test="consent-confirm"]')!
    expect(confirm.disabled).toBe(true)

    const checkbox = dialog.querySelector<HTMLInputElement>('input[type="checkbox"]')!
    checkbox.click()
    await settle()
    expect(confirm.disabled).toBe(false)
    confirm.click()
    await settle()
    const post = sent.find((request: SentRequest) => request.method === 'POST')
    expect(post?.body).toEqual({ versionId: 'v-110', consentedScopes: ['contacts:read'] })
    expect(notifier.success).toHaveBeenCalled()
    expect(refreshModules).toHaveBeenCalledTimes(1)
    expect(document.body.textContent).toContain('Installé (v1.1.0)')
  })

  it('shows a refusal inside the consent dialog and installs nothing more', async () => {
    stubServer((request) => {
      if (request.method === 'POST')
        return {
          status: 409,
          body: {
            errors: [
              {
                code: 'E_MODULE_ALREADY_INSTALLED',
                message: 'Ce module est déjà installé : mettez-le à jour.',
              },
            ],
          },
        }
      return { body: { module: modulePage() } }
    })
    await mountRoute(ModuleDetailView, '/marketplace/modules/acme-timesheets')
    button('Installer la v1.1.0').click()
    await settle()
    document.querySelector<HTMLInputElement>('[role="dialog"] input[type="checkbox"]')!.click()
    await settle()
    document.querySelector<HTMLButtonElement>('[data-test="consent-confirm"]')!.click()
    await settle()
    expect(document.querySelector('[role="dialog"]')?.textContent).toContain(
      'Ce module est déjà installé : mettez-le à jour.'
    )
    expect(refreshModules).not.toHaveBeenCalled()
  })

  it('says in English when the module is not offered to the organisation', async () => {
    stubServer(() => undefined)
    await mountRoute(ModuleDetailView, '/marketplace/modules/acme-unknown', 'en')
    expect(document.body.textContent).toContain('This module is not offered to your organisation')
  })
})

describe('installed modules', () => {
  it('offers the update and asks consent again, for the new scope only marked new, when scopes grow', async () => {
    const sent = stubServer((request) => {
      if (request.url.endsWith('/marketplace/installs')) return { body: { data: [install()] } }
      if (request.url.includes('/marketplace/modules'))
        return {
          body: {
            data: [
              catalogueModule({
                latestVersion: {
                  id: 'v-200',
                  version: '2.0.0',
                  scopes: ['contacts:read', 'contacts:write'],
                },
                installed: { id: 'inst-1', version: '1.0.0', enabled: true },
              }),
            ],
          },
        }
      if (request.url.endsWith('/marketplace/scopes')) return { body: scopes }
      if (request.url.endsWith('/upgrade'))
        return {
          body: {
            install: install({ version: '2.0.0', scopes: ['contacts:read', 'contacts:write'] }),
          },
        }
    })
    await mountRoute(InstalledView, '/marketplace/installed')
    expect(document.body.textContent).toContain('v2.0.0 disponible')
    button('Mettre à jour').click()
    await settle()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(dialog.textContent).toContain('Créer et modifier vos clients et fournisseurs.')
    expect(dialog.textContent).toContain('Nouveau')
    document.querySelector<HTMLInputElement>('[role="dialog"] input[type="checkbox"]')!.click()
    await settle()
    document.querySelector<HTMLButtonElement>('[data-test="consent-confirm"]')!.click()
    await settle()
    expect(sent.find((request) => request.url.endsWith('/upgrade'))?.body).toEqual({
      consentedScopes: ['contacts:read', 'contacts:write'],
    })
    expect(document.body.textContent).not.toContain('disponible')
    expect(refreshModules).toHaveBeenCalledTimes(1)
  })

  it("updates the shell's navigation after a module is disabled, enabled and uninstalled", async () => {
    let enabled = true
    const sent = stubServer((request) => {
      if (request.url.endsWith('/marketplace/installs')) return { body: { data: [install()] } }
      if (request.url.includes('/marketplace/modules')) return { body: { data: [] } }
      if (request.url.endsWith('/marketplace/scopes')) return { body: scopes }
      if (request.url.endsWith('/disable') || request.url.endsWith('/enable')) {
        enabled = request.url.endsWith('/enable')
        return { body: { install: install({ enabled }) } }
      }
      if (request.method === 'DELETE') return { status: 204 }
    })
    await mountRoute(InstalledView, '/marketplace/installed')
    const i18n = createI18n({ legacy: false, locale: 'fr', messages: { fr: uiMessages.fr } })
    const confirmHost = mount(UiConfirmDialog, {
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    button('Désactiver').click()
    await settle()
    expect(enabled).toBe(false)
    expect(refreshModules).toHaveBeenCalledTimes(1)
    button('Activer').click()
    await settle()
    expect(enabled).toBe(true)
    expect(refreshModules).toHaveBeenCalledTimes(2)
    button('Désinstaller').click()
    await settle()
    expect(sent.some((request) => request.method === 'DELETE')).toBe(false)
    expect(refreshModules).toHaveBeenCalledTimes(2)
    // The confirmation's code loads on first use.
    const dialog = await vi.waitFor(
      () => {
        const found = document.querySelector('[role="alertdialog"]')
        if (!found) throw new Error('The confirmation is not shown yet')
        return found
      },
      { timeout: 5000 }
    )
    ;[...dialog.querySelectorAll('button')]
      .find((element) => element.textContent?.trim() === 'Désinstaller')!
      .click()
    await settle()
    expect(sent.some((request) => request.method === 'DELETE')).toBe(true)
    expect(refreshModules).toHaveBeenCalledTimes(3)
    confirmHost.unmount()
  })

  it('tells the admin when the navigation could not be updated', async () => {
    refreshModules.mockRejectedValueOnce(new Error('manifest unreadable'))
    stubServer((request) => {
      if (request.url.endsWith('/marketplace/installs')) return { body: { data: [install()] } }
      if (request.url.includes('/marketplace/modules')) return { body: { data: [] } }
      if (request.url.endsWith('/marketplace/scopes')) return { body: scopes }
      if (request.url.endsWith('/disable'))
        return { body: { install: install({ enabled: false }) } }
    })
    await mountRoute(InstalledView, '/marketplace/installed')
    button('Désactiver').click()
    await settle()
    expect(notifier.error).toHaveBeenCalledTimes(1)
  })

  it('shows an empty state when nothing is installed', async () => {
    stubServer((request) => ({ body: request.url.endsWith('/scopes') ? scopes : { data: [] } }))
    await mountRoute(InstalledView, '/marketplace/installed', 'en')
    expect(document.body.textContent).toContain('No module installed')
  })
})

describe('vendor portal', () => {
  it('shows each refusal of the profile under its field', async () => {
    stubServer((request) => {
      if (request.url.endsWith('/marketplace/access'))
        return { body: { platformAdmin: false, vendor: null } }
      if (request.url.endsWith('/marketplace/vendor') && request.method === 'POST')
        return refused(
          { field: 'prefix', message: 'Ce préfixe est déjà pris.' },
          { field: 'email', message: "L'adresse e-mail n'est pas valide." }
        )
    })
    const { wrapper } = await mountRoute(VendorPortalView, '/marketplace/vendor')
    expect(document.body.textContent).toContain('Devenir éditeur')
    await wrapper.find('form').trigger('submit')
    await settle()
    const errors = [...document.querySelectorAll('.ia-field__error, [id$="-error"]')].map((node) =>
      node.textContent?.trim()
    )
    expect(errors).toContain('Ce préfixe est déjà pris.')
    expect(errors).toContain("L'adresse e-mail n'est pas valide.")
  })

  it('lists each version with its review state and the reason a reviewer gave', async () => {
    stubServer((request) => {
      if (request.url.endsWith('/marketplace/access'))
        return { body: { platformAdmin: false, vendor: vendor() } }
      if (request.url.endsWith('/vendor/listings'))
        return {
          body: {
            data: [
              {
                id: 'listing-1',
                moduleId: 'acme-timesheets',
                webhookUrl: null,
                installs: 2,
                versions: [
                  {
                    ...modulePage().versions[0],
                    moduleId: 'acme-timesheets',
                    status: 'rejected',
                    reviewReason: 'Expliquez contacts:write.',
                    reviewedAt: null,
                    files: [{ path: 'remoteEntry.js', hash: 'sha384-b', size: 7000 }],
                    archiveSize: 4096,
                    rolloutPercent: 100,
                    rolloutOrganizations: [],
                    withdrawnAt: null,
                  },
                ],
              },
            ],
          },
        }
    })
    await mountRoute(VendorPortalView, '/marketplace/vendor')
    expect(document.body.textContent).toContain('acme-timesheets')
    expect(document.body.textContent).toContain('Refusée')
    expect(document.body.textContent).toContain('Expliquez contacts:write.')
    expect(document.body.textContent).toContain("Enregistrez d'abord une clé de signature.")
  })
})

describe('platform review', () => {
  it('tells anyone but a platform administrator that the page is not theirs, without asking the admin API', async () => {
    const sent = stubServer((request) =>
      request.url.endsWith('/marketplace/access')
        ? { body: { platformAdmin: false, vendor: null } }
        : undefined
    )
    await mountRoute(ReviewView, '/marketplace/review')
    expect(document.body.textContent).toContain('Réservé aux administrateurs de la plateforme')
    expect(sent.some((request) => request.url.includes('/admin/'))).toBe(false)
  })

  it('refuses a rejection without a reason, under the reason field', async () => {
    stubServer((request) => {
      if (request.url.endsWith('/marketplace/access'))
        return { body: { platformAdmin: true, vendor: null } }
      if (request.url.endsWith('/admin/marketplace/submissions'))
        return {
          body: {
            data: [
              {
                version: {
                  ...modulePage().versions[0],
                  moduleId: 'acme-timesheets',
                  status: 'submitted',
                  reviewReason: null,
                  reviewedAt: null,
                  files: [],
                  archiveSize: 10,
                  rolloutPercent: 100,
                  rolloutOrganizations: [],
                  withdrawnAt: null,
                },
                vendor: { id: 'vendor-1', name: 'Acme Logiciels', audited: false },
                manifest: {},
                diff: {
                  previousVersion: '1.0.0',
                  filesAdded: ['assets/new.js'],
                  filesRemoved: [],
                  filesChanged: [],
                  scopesAdded: ['contacts:write'],
                  scopesRemoved: [],
                },
              },
            ],
          },
        }
      if (request.url.endsWith('/review'))
        return refused({ field: 'reason', message: 'Le champ motif doit être renseigné.' })
      return { body: { data: [] } }
    })
    await mountRoute(ReviewView, '/marketplace/review')
    await settle()
    expect(document.body.textContent).toContain('+ accès contacts:write')
    expect(document.body.textContent).toContain('+ assets/new.js')
    button('Refuser').click()
    await settle()
    const dialog = document.querySelector('[role="dialog"]')!
    dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await settle()
    expect(dialog.textContent).toContain('Le champ motif doit être renseigné.')
  })
})
