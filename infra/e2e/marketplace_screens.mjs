#!/usr/bin/env node
/*
 * Screenshots of the marketplace screens in fr and en, at 1280 and 390 px, on a fresh database: a platform
 * administrator, an approved vendor whose package (built, hashed and signed here as the vendor kit does) is
 * approved in 1.0.0 and submitted in 1.1.0, and a tenant admin who installs it with consent.
 * Run from backend/ with Node 24: `node ../infra/e2e/marketplace_screens.mjs` (E2E_PORT, E2E_DATABASE,
 * SHOTS_DIR); the frontend must be built.
 */
import { spawnSync } from 'node:child_process'
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { startApp } from './app_server.mjs'
import { httpSession } from './http_session.mjs'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const requireFromMarketplace = createRequire(join(ROOT, 'modules/marketplace/package.json'))
const tar = requireFromMarketplace('tar-stream')
const SHOTS = resolve(process.env.SHOTS_DIR ?? join(ROOT, 'infra/e2e/screenshots/marketplace'))
const PASSWORD = 'motdepasse-solide'
mkdirSync(SHOTS, { recursive: true })

const marketplaceKey = generateKeyPairSync('ed25519').privateKey.export({
  format: 'pem',
  type: 'pkcs8',
})
process.env.MARKETPLACE_SIGNING_KEY = marketplaceKey.toString()
const app = await startApp({
  port: Number(process.env.E2E_PORT ?? 3370),
  database: process.env.E2E_DATABASE ?? 'ia_e2e',
})

// The app stops with the script, whatever ends it.
process.on('exit', () => app.stop())

/** A session whose calls are sent again once when the connection drops (the server closing an idle keep-alive socket). */
function resilient(session) {
  return {
    ...session,
    call: (...args) => session.call(...args).catch(() => session.call(...args)),
  }
}

function expectStatus(response, status, what) {
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}

async function person(fullName, email) {
  const session = resilient(httpSession(app.baseUrl))
  expectStatus(
    await session.call('POST', '/api/v1/auth/sign-up', { fullName, email, password: PASSWORD }),
    201,
    'sign-up'
  )
  return session
}

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)

/** A signed .tar.gz of a small vendor remote, as the vendor kit packs one. */
async function vendorPackage(version, scopes, privateKey, changelog) {
  const manifest = {
    id: 'acme-timesheets',
    version,
    name: { fr: 'Feuilles de temps', en: 'Timesheets' },
    description: {
      fr: 'Saisie des heures par projet et par client, export vers la facturation.',
      en: 'Hours per project and customer, exported to invoicing.',
    },
    changelog,
    category: 'productivity',
    icon: 'icon.svg',
    screenshots: ['screenshots/home.png'],
    platform: '>=0.1.0 <1.0.0',
    scopes,
    remote: {
      name: 'acme_timesheets',
      routeBase: '/acme-timesheets',
      navigation: [
        { path: '/acme-timesheets', label: { fr: 'Feuilles de temps', en: 'Timesheets' } },
      ],
    },
    webhooks: { events: ['contacts.contact.created'] },
    hosts: ['api.timesheets.example'],
  }
  const files = new Map([
    ['module.json', Buffer.from(JSON.stringify(manifest, null, 2))],
    [
      'remoteEntry.js',
      Buffer.from(`export const get = () => import('./assets/main-${version}.js')\n`),
    ],
    [`assets/main-${version}.js`, Buffer.from('export default (component) => component\n')],
    [
      'icon.svg',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#1f5fbf"/><path d="M12 6v6l4 2" stroke="#fff" stroke-width="2" fill="none"/></svg>\n'
      ),
    ],
    ['screenshots/home.png', PNG],
  ])
  const hashes = Object.fromEntries([...files].map(([path, bytes]) => [path, sri(bytes)]))
  const list = Object.keys(hashes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => `${hashes[path]} ${path}\n`)
    .join('')
  files.set('integrity.json', Buffer.from(JSON.stringify({ files: hashes })))
  files.set(
    'signature.json',
    Buffer.from(
      JSON.stringify({ signature: sign(null, Buffer.from(list), privateKey).toString('base64') })
    )
  )
  const pack = tar.pack()
  for (const [name, data] of files) pack.entry({ name, size: data.length }, data)
  pack.finalize()
  const chunks = []
  for await (const chunk of pack) chunks.push(chunk)
  return gzipSync(Buffer.concat(chunks))
}

/** Uploads a package with the session's cookies (multipart, which the JSON session does not send). */
async function upload(session, archive) {
  await session.call('GET', '/api/v1/auth/csrf')
  const cookies = session.cookieHeader()
  const xsrf = decodeURIComponent(/XSRF-TOKEN=([^;]+)/.exec(cookies)[1])
  const form = new FormData()
  form.append('package', new Blob([archive], { type: 'application/gzip' }), 'package.tar.gz')
  const response = await fetch(`${app.baseUrl}/api/v1/marketplace/vendor/packages`, {
    method: 'POST',
    headers: { 'cookie': cookies, 'x-xsrf-token': xsrf },
    body: form,
  })
  const body = await response.json()
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(body)}`)
  return body.version
}

// The world: a platform administrator (also a tenant admin of "Brasserie du Fleuve") and a vendor.
const admin = await person('Aline Kabila', 'aline@example.cd')
const adminRun = spawnSync(
  process.execPath,
  ['ace.js', 'users:platform-admin', 'aline@example.cd'],
  {
    cwd: join(ROOT, 'backend'),
    env: app.env,
    stdio: 'inherit',
  }
)
if (adminRun.status !== 0) throw new Error('users:platform-admin failed')
const organization = expectStatus(
  await admin.call('POST', '/api/v1/orgs', { name: 'Brasserie du Fleuve' }),
  201,
  'organisation'
).organization
expectStatus(
  await admin.call('POST', `/api/v1/orgs/${organization.id}/modules/marketplace/enable`),
  200,
  'enable marketplace'
)

const vendorUser = await person('Patrick Mbuyi', 'patrick@acme.example')
const vendorProfile = expectStatus(
  await vendorUser.call('POST', '/api/v1/marketplace/vendor', {
    name: 'Acme Logiciels',
    prefix: 'acme',
    email: 'contact@acme.example',
    website: 'https://acme.example',
  }),
  201,
  'vendor profile'
).vendor
const keys = generateKeyPairSync('ed25519')
expectStatus(
  await vendorUser.call('POST', '/api/v1/marketplace/vendor/keys', {
    name: 'Clé de CI',
    publicKey: keys.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  }),
  201,
  'vendor key'
)
expectStatus(
  await admin.call('POST', `/api/v1/admin/marketplace/vendors/${vendorProfile.id}/review`, {
    decision: 'approve',
  }),
  200,
  'vendor approval'
)
const otherVendor = await person('Grace Ilunga', 'grace@kivu.example')
expectStatus(
  await otherVendor.call('POST', '/api/v1/marketplace/vendor', {
    name: 'Kivu Data',
    prefix: 'kivu',
    email: 'grace@kivu.example',
  }),
  201,
  'second vendor'
)
const first = await upload(
  vendorUser,
  await vendorPackage('1.0.0', ['contacts:read'], keys.privateKey, {
    fr: 'Première version : saisie des heures.',
    en: 'First version: time entry.',
  })
)
expectStatus(
  await admin.call('POST', `/api/v1/admin/marketplace/versions/${first.id}/review`, {
    decision: 'approve',
  }),
  200,
  'version approval'
)
await upload(
  vendorUser,
  await vendorPackage('1.1.0', ['contacts:read', 'contacts:write'], keys.privateKey, {
    fr: 'Crée les clients manquants depuis les feuilles de temps.',
    en: 'Creates missing customers from timesheets.',
  })
)
expectStatus(
  await admin.call('POST', `/api/v1/orgs/${organization.id}/marketplace/api-keys`, {
    name: 'Zapier',
    scopes: ['contacts:read'],
  }),
  201,
  'API key'
)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})

async function signedInPage(email, width) {
  const context = await browser.newContext({
    baseURL: app.baseUrl,
    locale: 'fr-FR',
    viewport: { width, height: 800 },
    deviceScaleFactor: 1,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20000)
  page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`))
  await page.goto('/sign-in')
  await page
    .getByLabel('Adresse e-mail')
    .waitFor()
    .catch(async (error) => {
      await page.screenshot({ path: join(SHOTS, 'failed-sign-in.png') })
      throw error
    })
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('heading', { name: /Bonjour|Hello/ }).waitFor()
  return { context, page }
}

/** Waits for `locator`; on a timeout, a screenshot of the page as it was (failed-<name>.png). */
async function waitFor(page, locator, name) {
  await locator.waitFor().catch(async (error) => {
    await page.screenshot({ path: join(SHOTS, `failed-${name}.png`), fullPage: true })
    throw error
  })
}

async function shot(page, name) {
  // The live channel keeps the network busy: a pause lets the requests of the page settle instead.
  await page.waitForTimeout(1000)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  console.log(`  ${name}.png`)
}

const TEXT = {
  fr: { install: /^Installer la v/, agree: /J'autorise/, moduleName: 'Feuilles de temps' },
  en: { install: /^Install v/, agree: /I allow/, moduleName: 'Timesheets' },
}

for (const locale of ['fr', 'en']) {
  for (const session of [admin, vendorUser])
    expectStatus(await session.call('PATCH', '/api/v1/auth/me', { locale }), 200, 'locale')
  for (const width of [1280, 390]) {
    const tag = `${locale}-${width}`
    const { context, page } = await signedInPage('aline@example.cd', width)
    page.on('console', (message) => {
      if (message.type() === 'error') console.log(`  [console] ${message.text()}`)
    })
    await page.goto('/marketplace')
    await waitFor(page, page.locator('[data-test="module-card"]').first(), `catalogue-${tag}`)
    await shot(page, `catalogue-${tag}`)
    await page.goto('/marketplace/modules/acme-timesheets')
    await page
      .getByRole('button', { name: TEXT[locale].install })
      .or(page.getByRole('link', { name: /Gérer|Manage/ }))
      .first()
      .waitFor()
    await shot(page, `module-${tag}`)
    const install = page.getByRole('button', { name: TEXT[locale].install })
    if (await install.isVisible()) {
      await install.click()
      await page.getByRole('dialog').waitFor()
      await page.screenshot({ path: join(SHOTS, `consent-${tag}.png`) })
      console.log(`  consent-${tag}.png`)
      await page.getByLabel(TEXT[locale].agree).check()
      await page.locator('[data-test="consent-confirm"]').click()
      await page.getByRole('dialog').waitFor({ state: 'detached' })
    }
    await page.goto('/marketplace/installed')
    await page.locator('table, .ia-empty').first().waitFor()
    // The installed module is in the side navigation (shown on wide screens), next to the platform's own; its
    // remote is not a real one here.
    if (width >= 1024)
      await waitFor(
        page,
        page.getByRole('navigation').getByRole('link', { name: TEXT[locale].moduleName }).first(),
        `navigation-${tag}`
      )
    await shot(page, `installed-${tag}`)
    await page.goto('/marketplace/api-keys')
    await page.locator('table').first().waitFor()
    await shot(page, `api-keys-${tag}`)
    await page.goto('/marketplace/review')
    await page.getByRole('tablist').waitFor()
    await shot(page, `review-submissions-${tag}`)
    await page.getByRole('tab').nth(1).click()
    await shot(page, `review-vendors-${tag}`)
    await page.getByRole('tab').nth(2).click()
    await shot(page, `review-releases-${tag}`)
    await page.goto('/marketplace/vendor')
    await page.getByRole('heading', { level: 1 }).waitFor()
    await shot(page, `vendor-register-${tag}`)
    await context.close()
    // Uninstalled again so that the next run shows the consent dialog too.
    const installs = expectStatus(
      await admin.call('GET', `/api/v1/orgs/${organization.id}/marketplace/installs`),
      200,
      'installs'
    ).data
    for (const row of installs)
      await admin.call('DELETE', `/api/v1/orgs/${organization.id}/marketplace/installs/${row.id}`)
  }
}

// The vendor's own portal (they have an organisation of their own to open the shell).
expectStatus(
  await vendorUser.call('POST', '/api/v1/orgs', { name: 'Acme Logiciels SARL' }),
  201,
  'vendor organisation'
)
for (const locale of ['fr', 'en']) {
  expectStatus(await vendorUser.call('PATCH', '/api/v1/auth/me', { locale }), 200, 'locale')
  const orgs = expectStatus(await vendorUser.call('GET', '/api/v1/orgs'), 200, 'orgs').data
  await vendorUser.call('POST', `/api/v1/orgs/${orgs[0].id}/modules/marketplace/enable`)
  for (const width of [1280, 390]) {
    const { context, page } = await signedInPage('patrick@acme.example', width)
    await page.goto('/marketplace/vendor')
    await page.getByText('acme-timesheets').first().waitFor()
    await shot(page, `vendor-portal-${locale}-${width}`)
    await context.close()
  }
}

await browser.close()
app.stop()
