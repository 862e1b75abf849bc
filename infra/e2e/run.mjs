#!/usr/bin/env node
/*
 * Browser end-to-end tests in Debian's chromium (playwright-core): the real app on a fresh database.
 * Screenshots of each step land in test-results/e2e/ (fr, en, phone width). Every page reports Content Security
 * Policy violations; the run fails on any it did not provoke on purpose.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startApp } from './app_server.mjs'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const SHOTS = join(ROOT, 'test-results', 'e2e')
const PASSWORD = 'motdepasse-solide'
mkdirSync(SHOTS, { recursive: true })

const results = []
let currentPage
async function scenario(name, body) {
  const started = Date.now()
  try {
    await body()
    results.push({ name, ok: true })
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`)
  } catch (error) {
    results.push({ name, ok: false })
    await currentPage?.screenshot({ path: join(SHOTS, `failed-${results.length}.png`), fullPage: true }).catch(() => {})
    console.log(`  ✖ ${name}\n    ${error.stack?.split('\n').slice(0, 6).join('\n    ')}`)
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

const app = await startApp({ port: Number(process.env.E2E_PORT ?? 3370), database: process.env.E2E_DATABASE ?? 'ia_e2e' })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
})

/** CSP violations seen on pages that did not ask for them: the run fails if there is any. */
const cspViolations = []

async function newPage({ phone = false, locale = 'fr-FR', cspExpected = false } = {}) {
  const context = await browser.newContext({
    baseURL: app.baseUrl,
    locale,
    viewport: phone ? { width: 375, height: 740 } : { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  })
  // Chromium logs a refused resource itself; the event also catches what it only reports to the page.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`[securitypolicyviolation] ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.documentURI}`)
    })
  })
  const page = await context.newPage()
  const violations = cspExpected ? [] : cspViolations
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|securitypolicyviolation/i.test(text)) violations.push(`${page.url()}: ${text}`)
  })
  page.setDefaultTimeout(15000)
  currentPage = page
  return { context, page, violations }
}

/** A full-page screenshot from the top: scrolled, the sticky header and sidebar would be drawn mid-page. */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** Signs up a new user through the UI and creates their organisation; ends on the home page. */
async function signUpWithOrganization(page, { fullName, email, organization }) {
  await page.goto('/sign-up')
  await page.getByLabel('Nom complet').fill(fullName)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(PASSWORD)
  await page.getByRole('button', { name: 'Créer mon compte' }).click()
  await page.getByRole('button', { name: 'Créer l’organisation' }).waitFor()
  await page.getByLabel(/^Nom/).fill(organization)
  await page.getByRole('button', { name: 'Créer l’organisation' }).click()
  await page.getByRole('heading', { name: /Bonjour/ }).waitFor()
}

async function enableContacts(page) {
  await page.goto('/settings/modules')
  const card = page.locator('[data-module-id="contacts"]')
  await card.getByRole('button', { name: 'Activer' }).click()
  await card.getByRole('button', { name: 'Désactiver' }).waitFor()
}

/** Signs in through the form (French until the user's own language applies); ends on the home page. */
async function signIn(page, email, greeting = /Bonjour|Hello/) {
  await page.goto('/sign-in')
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('heading', { name: greeting }).waitFor()
}

/** The strings the token and switcher steps look for, per language. */
const UI = {
  fr: {
    tokenName: /^Nom du jeton/, lifetime: 'Expiration', lifetime90: 'Dans 90 jours', create: 'Créer le jeton',
    secret: 'Valeur secrète du jeton', copiedIt: 'J’ai copié le jeton', revoke: 'Révoquer', confirmRevoke: 'Révoquer le jeton',
    neverUsed: 'Jamais utilisé', switcher: /^Organisation courante/, newOrganization: 'Nouvelle organisation',
  },
  en: {
    tokenName: /^Token name/, lifetime: 'Expiry', lifetime90: 'In 90 days', create: 'Create the token',
    secret: 'Secret value of the token', copiedIt: 'I have copied the token', revoke: 'Revoke', confirmRevoke: 'Revoke the token',
    neverUsed: 'Never used', switcher: /^Current organisation/, newOrganization: 'New organisation',
  },
}

/** Creates a token from the profile page and returns its secret, still shown on the page. */
async function createToken(page, lang, name) {
  const ui = UI[lang]
  await page.goto('/profile')
  await page.getByLabel(ui.tokenName).fill(name)
  await page.getByLabel(ui.lifetime).selectOption({ label: ui.lifetime90 })
  await page.getByRole('button', { name: ui.create }).click()
  const secret = page.getByLabel(ui.secret)
  await secret.waitFor()
  await page.getByRole('row').filter({ hasText: name }).waitFor()
  return secret.inputValue()
}

/** Status of `GET /auth/me` with a token, as an API client sends it. */
async function meWithToken(secret) {
  return (await fetch(`${app.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}`, accept: 'application/json' } })).status
}

/** Opens the organisation switcher's menu and waits for its "New organisation" entry. */
async function openSwitcher(page, lang) {
  await page.getByRole('button', { name: UI[lang].switcher }).click()
  await page.getByRole('menuitem', { name: UI[lang].newOrganization }).waitFor()
}

let contactsUrlOfA
let orgIdOfA

try {
  console.log('\ne2e / browser')

  await scenario('sign up, enable Contacts, the remote loads at runtime, create a contact', async () => {
    const { context, page } = await newPage()
    const remoteFiles = []
    page.on('response', (response) => {
      if (response.url().includes('/remotes/contacts/')) remoteFiles.push(response.status())
    })
    await signUpWithOrganization(page, { fullName: 'Amani Kabila', email: 'amani@example.cd', organization: 'Société Minière du Katanga' })
    await shot(page, 'home-fr')
    await enableContacts(page)
    await shot(page, 'modules-fr')
    await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click()
    await page.waitForURL('**/contacts')
    await page.getByText('Nouveau contact').first().click()
    await page.getByLabel(/^Raison sociale/).fill('Société Minière de Kolwezi')
    await page.getByLabel(/^E-mail/).fill('contact@smk.cd')
    await page.getByLabel('Téléphone').fill('0812345678')
    await page.getByRole('button', { name: 'Créer le contact' }).click()
    await page.getByText('+243 81 234 5678').first().waitFor()
    await page.goto('/contacts')
    await page.getByRole('searchbox').fill('societe minière')
    await page.getByText('Société Minière de Kolwezi').first().waitFor()
    await shot(page, 'contacts-list-fr')
    assert(remoteFiles.length > 0 && remoteFiles.every((status) => status === 200 || status === 304), `remote files: ${remoteFiles}`)
    contactsUrlOfA = page.url()
    orgIdOfA = await page.evaluate(() => localStorage.getItem('ia.lastOrganizationId'))
    await context.close()
  })

  await scenario('a second organisation cannot see the first one’s contacts', async () => {
    const { context, page } = await newPage()
    await signUpWithOrganization(page, { fullName: 'Benoît Tshala', email: 'benoit@example.cd', organization: 'Brasserie du Kivu' })
    await enableContacts(page)
    await page.goto('/contacts')
    await page.getByText('Aucun contact pour l’instant').first().waitFor()
    assert((await page.getByText('Société Minière de Kolwezi').count()) === 0, 'B sees A’s contact')
    if (orgIdOfA) {
      const status = await page.evaluate(async (orgId) => (await fetch(`/api/v1/orgs/${orgId}/contacts`)).status, orgIdOfA)
      assert(status === 404, `B reading A’s contacts got ${status}`)
    }
    await context.close()
  })

  await scenario('switch to English, remembered after a reload; phone width', async () => {
    const { context, page } = await newPage({ phone: true })
    await page.goto('/sign-in')
    await page.getByLabel('Adresse e-mail').fill('amani@example.cd')
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: /Bonjour/ }).waitFor()
    await shot(page, 'home-phone-fr')
    // On a phone the language switch is in the menu, beside the profile.
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click()
    await page.getByRole('group', { name: 'Langue' }).waitFor()
    await page.waitForTimeout(300) // the drawer's slide
    await shot(page, 'menu-phone-fr')
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click()
    await page.getByRole('heading', { name: /Hello/ }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: /Hello/ }).waitFor()
    await page.goto('/contacts')
    await page.getByText('Société Minière de Kolwezi').first().waitFor()
    // The remote's own strings follow the shell's language.
    await page.getByText('Your customers and suppliers').waitFor()
    await page.getByRole('link', { name: 'New contact' }).first().waitFor()
    assert((await page.getByText('Vos clients et fournisseurs').count()) === 0, 'the Contacts page is still in French')
    await shot(page, 'contacts-phone-en')
    await context.close()
  })

  await scenario('a second organisation from the switcher; switching between them', async () => {
    const { context, page } = await newPage()
    await signIn(page, 'benoit@example.cd')
    await openSwitcher(page, 'fr')
    assert((await page.getByRole('menuitemradio').count()) === 1, 'one organisation expected in the switcher')
    await page.getByRole('menuitem', { name: 'Nouvelle organisation' }).click()
    await page.waitForURL('**/organizations/new')
    await page.getByLabel(/^Nom/).fill('Brasserie du Kivu — Goma')
    await page.getByRole('button', { name: 'Créer l’organisation' }).click()
    await page.getByRole('heading', { name: /Bonjour/ }).waitFor()
    await page.getByRole('button', { name: /^Organisation courante\s:\sBrasserie du Kivu — Goma$/ }).waitFor()
    await openSwitcher(page, 'fr')
    assert((await page.getByRole('menuitemradio').count()) === 2, 'two organisations expected in the switcher')
    await shot(page, 'org-switcher-fr')
    await page.getByRole('menuitemradio', { name: /^Brasserie du Kivu\W+Propriétaire$/ }).click()
    await page.getByRole('button', { name: /^Organisation courante\s:\sBrasserie du Kivu$/ }).waitFor()
    await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).waitFor()
    await context.close()
  })

  await scenario('personal access tokens: the secret shown once works as a Bearer token until revoked', async () => {
    const { context, page } = await newPage()
    await signIn(page, 'benoit@example.cd')
    const secret = await createToken(page, 'fr', 'Logiciel de comptabilité')
    await page.getByText('C’est la seule fois qu’il est affiché').waitFor()
    await shot(page, 'profile-tokens-fr')
    assert((await meWithToken(secret)) === 200, 'the new token is refused')
    await page.getByRole('button', { name: UI.fr.copiedIt }).click()
    assert((await page.getByLabel(UI.fr.secret).count()) === 0, 'the secret is still shown')
    await page.reload()
    const row = page.getByRole('row').filter({ hasText: 'Logiciel de comptabilité' })
    await row.waitFor()
    assert(!(await page.content()).includes(secret), 'the secret came back after a reload')
    assert(!(await row.textContent()).includes(UI.fr.neverUsed), 'the token’s last use is not shown')
    await row.getByRole('button', { name: /^Révoquer/ }).click()
    await page.getByRole('dialog').getByText('perdront l’accès immédiatement').waitFor()
    await page.getByRole('dialog').getByRole('button', { name: UI.fr.confirmRevoke }).click()
    await row.waitFor({ state: 'detached' })
    assert((await meWithToken(secret)) === 401, 'the revoked token still works')
    await context.close()
  })

  await scenario('tokens and switcher at phone width, then in English', async () => {
    const rounds = [
      { lang: 'fr', phone: true, token: 'Script de sauvegarde' },
      { lang: 'en', phone: false, token: 'Backup script' },
      { lang: 'en', phone: true, token: 'Mobile reporting' },
    ]
    for (const { lang, phone, token } of rounds) {
      const { context, page } = await newPage({ phone })
      // Switching to English below is saved on the account: the last round signs in straight into English.
      await signIn(page, 'benoit@example.cd', lang === 'en' && phone ? /Hello/ : /Bonjour/)
      if (lang === 'en' && !phone) {
        await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click()
        await page.getByRole('heading', { name: /Hello/ }).waitFor()
      }
      const suffix = `${phone ? 'phone-' : ''}${lang}`
      await createToken(page, lang, token)
      await shot(page, `profile-tokens-${suffix}`)
      await page.getByRole('button', { name: UI[lang].copiedIt }).click()
      await openSwitcher(page, lang)
      await shot(page, `org-switcher-${suffix}`)
      await page.keyboard.press('Escape')
      await context.close()
    }
  })

  await scenario('a tampered remote file never runs; the rest of the shell keeps working', async () => {
    const entry = join(ROOT, 'remotes', 'contacts', 'dist', 'remoteEntry.js')
    const original = readFileSync(entry)
    writeFileSync(entry, Buffer.concat([original, Buffer.from('\nwindow.__tampered = true;\n')]))
    try {
      const { context, page } = await newPage()
      await signIn(page, 'amani@example.cd')
      await page.goto(contactsUrlOfA ?? '/contacts')
      await page.locator('.ia-error-panel').first().waitFor()
      assert(!(await page.evaluate(() => window.__tampered === true)), 'the tampered file ran')
      await shot(page, 'tampered-remote')
      await page.getByRole('navigation').getByRole('link', { name: /Accueil|Home/ }).click()
      await page.getByRole('heading', { name: /Bonjour|Hello/ }).waitFor()
      await context.close()
    } finally {
      writeFileSync(entry, original)
    }
  })

  await scenario('a tampered chunk and a file missing from the integrity list never run; the shell keeps working', async () => {
    const assets = join(ROOT, 'remotes', 'contacts', 'dist', 'assets')
    const chunkName = readdirSync(assets).find((name) => /^ContactListView-.*\.js$/.test(name))
    assert(chunkName, 'no ContactListView chunk in the contacts build')
    const chunk = join(assets, chunkName)
    const original = readFileSync(chunk)
    // Served by the backend like any other file of the remote, but named by no hash in integrity.json.
    const stray = join(assets, 'stray-e2e.js')
    writeFileSync(chunk, Buffer.concat([original, Buffer.from('\nwindow.__tamperedChunk = true;\n')]))
    writeFileSync(stray, 'window.__stray = true;\n')
    try {
      const { context, page } = await newPage()
      const blocked = []
      page.on('response', (response) => {
        if (response.url().includes('/remotes/contacts/') && response.status() === 403) blocked.push(response.url())
      })
      await signIn(page, 'amani@example.cd')
      await page.goto('/contacts')
      // The module itself loads (its entry is intact): only the list page, whose chunk was altered, fails in its area.
      await page.locator('.ia-error-panel').first().waitFor()
      assert(blocked.some((url) => url.endsWith(chunkName)), `the tampered chunk was not refused (403s: ${blocked.join(', ')})`)
      assert(!(await page.evaluate(() => window.__tamperedChunk === true)), 'the tampered chunk ran')
      await shot(page, 'tampered-chunk')

      const stray = await page.evaluate(async () => {
        const status = (await fetch('/remotes/contacts/assets/stray-e2e.js')).status
        const imported = await import('/remotes/contacts/assets/stray-e2e.js').then(() => 'ran', (error) => String(error))
        return { status, imported, ran: window.__stray === true }
      })
      assert(stray.status === 403, `an unlisted file answered ${stray.status}`)
      assert(stray.imported !== 'ran' && !stray.ran, 'an unlisted file ran')

      await page.getByRole('navigation').getByRole('link', { name: /Accueil|Home/ }).click()
      await page.getByRole('heading', { name: /Bonjour|Hello/ }).waitFor()
      await page.goto('/profile')
      await page.getByRole('heading', { name: /Mon profil|My profile/ }).waitFor()
      await context.close()
    } finally {
      writeFileSync(chunk, original)
      rmSync(stray, { force: true })
    }
  })

  // ---- Data table and charts (issue 7, part B): the Contacts list on UiDataTable over 100,000 contacts,
  // its timings measured in the page with the performance API, and the charts of /dev/ui. ----
  const tableShots = async (page, name) => {
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: join(SHOTS, `${name}.png`) })
  }
  /** Waits until the data table's status line ("50 sur 100 000 lignes") matches `pattern`, and returns it. */
  const tableStatus = async (page, pattern) => {
    const status = page.locator('.ia-datatable__status')
    await status.filter({ hasText: pattern }).waitFor()
    return (await status.textContent()).trim()
  }
  const firstRowName = (page) => page.locator('.contacts-table tbody tr[aria-rowindex="2"] td').first().innerText()

  await scenario('Contacts table over 100,000 contacts: first page within 300 ms, sort, filter, cursor pages, 4xx in place', async () => {
    const { context, page } = await newPage()
    await signUpWithOrganization(page, { fullName: 'Chantal Mbuyi', email: 'chantal@example.cd', organization: 'Pharmacie Espoir' })
    await enableContacts(page)
    const orgId = await page.evaluate(() => localStorage.getItem('ia.lastOrganizationId'))
    const { createRequire } = await import('node:module')
    const pg = createRequire(join(ROOT, 'backend', 'package.json'))('pg')
    const db = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${process.env.E2E_DATABASE ?? 'ia_e2e'}` })
    await db.connect()
    const seeding = Date.now()
    await db.query(
      `INSERT INTO contacts.contacts (organization_id, kind, name, is_customer, is_supplier, city, country, tags, created_at, updated_at)
       SELECT $1, CASE WHEN i % 3 = 0 THEN 'person' ELSE 'company' END,
              (ARRAY['Brasserie', 'Pharmacie', 'Quincaillerie', 'Boulangerie', 'Transport', 'Élevage'])[1 + i % 6] || ' '
                || (ARRAY['du Fleuve', 'Espoir', 'du Kivu', 'Lumière', 'Tshopo'])[1 + (i / 6) % 5] || ' ' || i,
              i % 2 = 0, i % 5 = 0, (ARRAY['Kinshasa', 'Lubumbashi', 'Goma', 'Matadi'])[1 + i % 4], 'CD',
              CASE WHEN i % 10 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END,
              now() - i * interval '1 minute', now() - i * interval '1 minute'
       FROM generate_series(1, 100000) AS i`,
      [orgId]
    )
    await db.query('VACUUM ANALYZE contacts.contacts')
    await db.end()
    console.log(`    seeded 100,000 contacts in ${Date.now() - seeding} ms`)

    // From the home page, the first navigation to the list (its code and the table's not loaded yet), then a second one.
    const navigate = () =>
      page.evaluate(async () => {
        const link = [...document.querySelectorAll('nav a')].find((anchor) => anchor.textContent.trim() === 'Contacts')
        const started = performance.now()
        link.click()
        return new Promise((resolve, reject) => {
          const check = () => {
            if (document.querySelector('.contacts-table tbody tr[aria-rowindex="2"]')) resolve(performance.now() - started)
            else if (performance.now() - started > 10000) reject(new Error('no row after 10 s'))
            else requestAnimationFrame(check)
          }
          check()
        })
      })
    const contactsLink = page.getByRole('navigation').getByRole('link', { name: 'Contacts' })
    await page.goto('/')
    await contactsLink.waitFor()
    const cold = await navigate()
    await page.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click()
    await contactsLink.waitFor()
    const warm = await navigate()
    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/contacts\?|ContactListView|UiDataTable/.test(entry.name))
        .map((entry) => `${entry.name.split('/').pop().split('?')[0]} ${entry.duration.toFixed(0)} ms`)
    )
    console.log(`    first page shown ${cold.toFixed(0)} ms after navigation (code not loaded yet), ${warm.toFixed(0)} ms the second time; ${requests.join(', ')}`)
    // Asserted once the list's code is in the browser; the first visit also fetches it, and is printed above.
    assert(warm <= 300, `the first page took ${warm.toFixed(0)} ms`)
    assert((await tableStatus(page, /100\s000/)).match(/^50 sur 100\s000 lignes$/), 'the status does not announce 50 of 100 000')
    assert((await firstRowName(page)).startsWith('Boulangerie'), `first by name: ${await firstRowName(page)}`)
    await tableShots(page, 'contacts-table-fr')

    // Sort: the header asks the server for the other order.
    const nameHeader = page.locator('.contacts-table thead th').filter({ hasText: 'Nom' }).first()
    await nameHeader.getByRole('button').click()
    await page.locator('.contacts-table thead th[aria-sort="descending"]').waitFor()
    await page.waitForFunction(() => document.querySelector('.contacts-table tbody tr[aria-rowindex="2"] td')?.innerText.startsWith('Transport'))

    // Filter: only individuals, counted by the server (one contact in three).
    await page.getByLabel('Filtrer par Type').selectOption('person')
    assert((await tableStatus(page, /33\s333/)).match(/^50 sur 33\s333 lignes$/), 'the kind filter did not apply')

    // Cursor pages: scrolling to the end of the loaded rows fetches the next 50.
    const scroller = page.locator('.contacts-table .ia-datatable__scroller')
    for (const expected of ['100', '150']) {
      await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
      await tableStatus(page, new RegExp(`^${expected} sur`))
    }

    // A refused filter (a tag longer than 40 characters) shows the server's message where the rows were.
    const refused = page.waitForResponse((response) => response.url().includes('/contacts?') && response.status() === 422)
    await page.getByLabel('Filtrer par Étiquettes').fill('x'.repeat(41))
    await refused
    const alert = page.locator('.contacts-table [role="alert"]')
    await alert.waitFor()
    console.log(`    422 shown in place: "${(await alert.innerText()).split('\n')[0]}"`)
    assert((await page.locator('.contacts-table tbody tr[aria-rowindex]').count()) === 0, 'rows are still shown beside the error')
    await tableShots(page, 'contacts-table-refused-fr')
    await page.getByLabel('Filtrer par Étiquettes').fill('vip')
    await tableStatus(page, /sur 3\s333 lignes$/)

    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click()
    await page.getByText('Your customers and suppliers').waitFor()
    await tableShots(page, 'contacts-table-en')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.waitForTimeout(300)
    await tableShots(page, 'contacts-table-phone-en')
    await page.getByRole('button', { name: 'Open menu' }).click()
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click()
    await page.keyboard.press('Escape')
    await page.getByText('Vos clients et fournisseurs').waitFor()
    await tableShots(page, 'contacts-table-phone-fr')
    await context.close()
  })

  await scenario('/dev/ui: scrolling 10,000 loaded rows keeps frames under 50 ms', async () => {
    const { context, page } = await newPage()
    await signIn(page, 'chantal@example.cd')
    await page.goto('/dev/ui')
    const table = page.locator('.ia-datatable').first()
    await table.locator('tbody tr[aria-rowindex="2"]').waitFor()
    const scroller = table.locator('.ia-datatable__scroller')
    // Each jump to the end asks for the next 500 rows, until all 10,000 are loaded.
    for (let round = 0; round < 400 && !/^10\s000 sur 10\s000/.test(await table.locator('.ia-datatable__status').innerText()); round++) {
      await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
      await page.waitForTimeout(50)
    }
    assert(/^10\s000 sur 10\s000/.test(await table.locator('.ia-datatable__status').innerText()), 'the 10,000 rows did not all load')
    // A fast fling (600 px, about 14 rows, per frame) at the top, the middle and the end of the 10,000 rows.
    const figures = await scroller.evaluate(async (element) => {
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
      const longFrames = []
      const observer = new PerformanceObserver((list) => longFrames.push(...list.getEntries().map((entry) => entry.duration)))
      observer.observe({ type: 'long-animation-frame' })
      const frames = []
      const bottom = element.scrollHeight - element.clientHeight
      for (const [from, direction] of [[0, 1], [bottom / 2, 1], [bottom, -1]]) {
        element.scrollTop = from
        await nextFrame()
        await nextFrame()
        let last = performance.now()
        for (let index = 0; index < 80; index++) {
          element.scrollTop += 600 * direction
          await nextFrame()
          const now = performance.now()
          frames.push(now - last)
          last = now
        }
      }
      observer.disconnect()
      frames.sort((left, right) => left - right)
      return {
        frames: frames.length,
        median: frames[Math.floor(frames.length / 2)],
        p95: frames[Math.floor(frames.length * 0.95)],
        max: frames.at(-1),
        longFrames: longFrames.length,
        longest: Math.max(0, ...longFrames),
        rowsInDom: element.querySelectorAll('tbody tr').length,
      }
    })
    console.log(
      `    scrolled through 10,000 rows, ${figures.frames} frames: median ${figures.median.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, ` +
        `max ${figures.max.toFixed(1)} ms; long animation frames ${figures.longFrames} (longest ${figures.longest.toFixed(0)} ms); ${figures.rowsInDom} rows in the DOM`
    )
    assert(figures.rowsInDom < 80, `${figures.rowsInDom} rows in the DOM: not virtual`)
    // The median, not the maximum: on a shared two-core machine one descheduled frame says nothing of the table.
    assert(figures.median < 50, `the median frame took ${figures.median.toFixed(1)} ms`)
    await context.close()
  })

  await scenario('/dev/ui: six charts are drawn and the first one’s numbers table opens, in French and English', async () => {
    const { context, page } = await newPage()
    await signIn(page, 'chantal@example.cd')
    await page.goto('/dev/ui')
    const chart = page.locator('.ia-chart').first()
    await chart.locator('canvas').waitFor()
    await chart.getByRole('button', { name: 'Afficher les chiffres' }).click()
    const numbers = chart.getByRole('table', { name: /Chiffres du graphique/ })
    await numbers.waitFor()
    assert((await numbers.locator('tbody tr').count()) === 6, 'the numbers table lacks months')
    assert(/12\s400\s000/.test(await numbers.locator('tbody tr').first().innerText()), 'the first month’s amount is missing')
    assert((await page.locator('.ia-chart canvas').count()) === 6, 'not every chart was drawn')
    // Viewport shots below the shell's sticky top bar, which an element screenshot would let overlap.
    const shotOf = async (selector, name) => {
      await page.locator(selector).first().evaluate((element) => {
        element.scrollIntoView({ block: 'start' })
        window.scrollBy(0, -72)
      })
      await page.waitForTimeout(300)
      await page.screenshot({ path: join(SHOTS, `${name}.png`) })
    }
    await shotOf('.dev-charts', 'dev-charts-fr')
    await shotOf('.ia-datatable', 'dev-datatable-fr')
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click()
    await chart.getByRole('button', { name: 'Hide the numbers' }).waitFor()
    await shotOf('.dev-charts', 'dev-charts-en')
    await shotOf('.ia-datatable', 'dev-datatable-en')
    await page.setViewportSize({ width: 390, height: 844 })
    await shotOf('.dev-charts', 'dev-charts-phone-en')
    await shotOf('.ia-datatable', 'dev-datatable-phone-en')
    await context.close()
  })

  await scenario('the Content Security Policy is in force on the page and the API, and refuses an inline script', async () => {
    const { context, page, violations } = await newPage({ cspExpected: true })
    const shellPage = await page.goto('/sign-in')
    const policy = shellPage?.headers()['content-security-policy']
    for (const directive of ["script-src 'self';", "object-src 'none'", "base-uri 'self'", "connect-src 'self'", "worker-src 'self'", "frame-ancestors 'none'"]) {
      assert(policy?.includes(directive), `the page's policy lacks ${directive}: ${policy}`)
    }
    const header = (await page.request.get('/api/v1/auth/providers')).headers()['content-security-policy'] ?? ''
    for (const directive of ["script-src 'self';", "frame-ancestors 'none'", "object-src 'none'"]) {
      assert(header.includes(directive), `the API's policy lacks ${directive}: ${header}`)
    }
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.head.append(script)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return window.__inlineRan === true
    })
    assert(!ran, 'an inline script ran')
    assert(violations.some((text) => /script-src/.test(text)), `the refusal was not reported: ${violations.join(' | ')}`)
    await context.close()
  })

  await scenario('no Content Security Policy violation on any page of the run', async () => {
    assert(cspViolations.length === 0, `violations:\n      ${cspViolations.join('\n      ')}`)
  })
} finally {
  await browser.close()
  app.stop()
}

const failed = results.filter((result) => !result.ok).length
console.log(`\ne2e: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
