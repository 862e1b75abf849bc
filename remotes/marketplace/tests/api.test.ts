import { isApiError } from '@ia/sdk'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createApiKey,
  installModule,
  listCatalogue,
  reviewVersion,
  rollBackVersion,
  setInstallEnabled,
  setRollout,
  upgradeInstall,
} from '../src/api/marketplace'
import { postFormWithProgress } from '../src/api/upload'
import { refused, signedInOrganization, stubServer } from './helpers'

describe('marketplace API calls', () => {
  beforeEach(() => signedInOrganization('org-1', 'admin'))
  afterEach(() => vi.unstubAllGlobals())

  it('sends the organisation calls to its paths with the consented scopes', async () => {
    const sent = stubServer(() => ({ body: { data: [], install: {}, apiKey: {}, token: 't' } }))
    await listCatalogue({ q: 'temps', category: 'productivity' })
    await installModule('v-1', ['contacts:read'])
    await upgradeInstall('inst-1')
    await setInstallEnabled('inst-1', false)
    await createApiKey({ name: 'Zapier', scopes: ['contacts:read'] })
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /api/v1/orgs/org-1/marketplace/modules?q=temps&category=productivity',
      'POST /api/v1/orgs/org-1/marketplace/installs',
      'POST /api/v1/orgs/org-1/marketplace/installs/inst-1/upgrade',
      'POST /api/v1/orgs/org-1/marketplace/installs/inst-1/disable',
      'POST /api/v1/orgs/org-1/marketplace/api-keys',
    ])
    expect(sent[1].body).toEqual({ versionId: 'v-1', consentedScopes: ['contacts:read'] })
    expect(sent[2].body).toEqual({})
    expect(sent[4].body).toEqual({ name: 'Zapier', scopes: ['contacts:read'] })
  })

  it('sends the platform administration calls outside any organisation', async () => {
    const sent = stubServer(() => ({ body: { version: {}, movedInstalls: 2 } }))
    await reviewVersion('v-2', { decision: 'reject', reason: 'Trop de scopes.' })
    await setRollout('v-2', 25)
    expect((await rollBackVersion('v-2')).movedInstalls).toBe(2)
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /api/v1/admin/marketplace/versions/v-2/review',
      'PUT /api/v1/admin/marketplace/versions/v-2/rollout',
      'POST /api/v1/admin/marketplace/versions/v-2/rollback',
    ])
    expect(sent[0].body).toEqual({ decision: 'reject', reason: 'Trop de scopes.' })
    expect(sent[1].body).toEqual({ percent: 25 })
  })

  it('uploads with progress, the CSRF token and the language, and turns a refusal into an ApiError naming the file', async () => {
    stubServer(() => ({ status: 204 }))
    document.cookie = 'XSRF-TOKEN=token-1'
    const opened: Array<{ method: string; url: string; headers: Record<string, string> }> = []
    class FakeRequest {
      upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null } = {
        onprogress: null,
      }
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      onabort: (() => void) | null = null
      withCredentials = false
      status = 0
      responseText = ''
      private readonly headers: Record<string, string> = {}
      open(method: string, url: string) {
        opened.push({ method, url, headers: this.headers })
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value
      }
      abort() {
        this.onabort?.()
      }
      send() {
        this.upload.onprogress?.({ loaded: 50, total: 100 })
        this.upload.onprogress?.({ loaded: 100, total: 100 })
        this.status = 422
        this.responseText = JSON.stringify(
          refused({ field: 'assets/../evil.js', message: 'Chemin interdit : assets/../evil.js' })
            .body
        )
        this.onload?.()
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeRequest)
    const progress: number[] = []
    const failure = await postFormWithProgress(
      '/api/v1/marketplace/vendor/packages',
      new FormData(),
      (loaded) => progress.push(loaded)
    ).catch((error: unknown) => error)
    expect(progress).toEqual([50, 100])
    expect(opened[0].method).toBe('POST')
    expect(opened[0].headers['X-XSRF-TOKEN']).toBe('token-1')
    expect(opened[0].headers['Accept-Language']).toBe('fr')
    expect(isApiError(failure) && failure.status).toBe(422)
    expect(isApiError(failure) && failure.fieldErrors['assets/../evil.js']).toBe(
      'Chemin interdit : assets/../evil.js'
    )
  })
})
