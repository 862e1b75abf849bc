#!/usr/bin/env node
/*
 * Browser end-to-end tests in Debian's chromium (playwright-core): the real app on a fresh database.
 * Screenshots of each step land in test-results/e2e/ (fr, en, phone width).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
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

async function newPage({ phone = false, locale = 'fr-FR' } = {}) {
  const context = await browser.newContext({
    baseURL: app.baseUrl,
    locale,
    viewport: phone ? { width: 375, height: 740 } : { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  currentPage = page
  return { context, page }
}

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })

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
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click()
    await page.getByRole('heading', { name: /Hello/ }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: /Hello/ }).waitFor()
    await page.goto('/contacts')
    await page.getByText('Société Minière de Kolwezi').first().waitFor()
    await shot(page, 'contacts-phone-en')
    await context.close()
  })

  await scenario('a tampered remote file never runs; the rest of the shell keeps working', async () => {
    const entry = join(ROOT, 'remotes', 'contacts', 'dist', 'remoteEntry.js')
    const original = readFileSync(entry)
    writeFileSync(entry, Buffer.concat([original, Buffer.from('\nwindow.__tampered = true;\n')]))
    try {
      const { context, page } = await newPage()
      await page.goto('/sign-in')
      await page.getByLabel('Adresse e-mail').fill('amani@example.cd')
      await page.getByLabel('Mot de passe').fill(PASSWORD)
      await page.getByRole('button', { name: /Se connecter|Sign in/ }).click()
      await page.getByRole('heading', { name: /Bonjour|Hello/ }).waitFor()
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
} finally {
  await browser.close()
  app.stop()
}

const failed = results.filter((result) => !result.ok).length
console.log(`\ne2e: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
