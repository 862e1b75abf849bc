/*
 * The example vendor module (infra/examples/vendor-hello) end to end in chromium, and its figures.
 *
 * Packs and signs the example with the vendor kit (`ia-vendor`), starts the app on E2E_PORT with a fresh
 * E2E_DATABASE, uploads the package through the API, approves it, installs it in one organisation, then:
 * - loads it in the sandboxed iframe tier and in the page (its vendor marked audited), cold and warm, and
 *   reports the bytes of its files and the time until its page shows, next to the first-party Contacts
 *   remote's;
 * - checks that another organisation does not see it, that the sandboxed module cannot read the shell's
 *   cookies, DOM or storage, and that a file changed on the way (served through a tampering proxy) or a
 *   chunk the signed list does not name never runs and the module's error panel names the file.
 * Needs the built shell and Contacts remote (`npm start` builds them). Exits 1 on a failed check.
 *
 *   E2E_PORT=3461 E2E_DATABASE=ia_e2e_vendor node infra/bench/vendor_remote.mjs
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { startApp } from '../e2e/app_server.mjs'
import { httpSession } from '../e2e/http_session.mjs'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const KIT = join(ROOT, 'shell/vendor-kit/bin/cli.js')
const EXAMPLE = join(ROOT, 'infra/examples/vendor-hello')
const PASSWORD = 'correct horse battery staple 42'
const MODULE = 'demo-hello'
const FILES = `/marketplace/files/${MODULE}/0.1.0/`
const failures = []
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures.push(what)
}

// The marketplace's counter-signing key, as a base64 Ed25519 seed.
const seed = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }).d
process.env.MARKETPLACE_SIGNING_KEY = Buffer.from(seed, 'base64url').toString('base64')

const work = mkdtempSync(join(tmpdir(), 'ia-vendor-bench-'))
execFileSync(process.execPath, [KIT, 'keygen', '--out', join(work, 'demo.pem')])
const archivePath = join(work, 'demo-hello.tar.gz')
execFileSync(
  process.execPath,
  [KIT, 'pack', '--dir', EXAMPLE, '--key', join(work, 'demo.pem'), '--out', archivePath],
  { stdio: 'inherit' }
)

const app = await startApp({
  port: Number(process.env.E2E_PORT ?? 3461),
  database: process.env.E2E_DATABASE ?? 'ia_e2e_vendor',
})

/** A signed-up user with an organisation, through the API. */
async function person(fullName, email, organization) {
  const session = httpSession(app.baseUrl)
  const signUp = await session.call('POST', '/api/v1/auth/sign-up', {
    fullName,
    email,
    password: PASSWORD,
  })
  if (signUp.status !== 201 && signUp.status !== 200) throw new Error(JSON.stringify(signUp))
  let orgId = null
  if (organization) {
    const created = await session.call('POST', '/api/v1/orgs', { name: organization })
    orgId = created.body.organization.id
    const enabled = await session.call('POST', `/api/v1/orgs/${orgId}/modules/marketplace/enable`)
    if (enabled.status !== 200) throw new Error(JSON.stringify(enabled.body))
  }
  return { session, orgId, email }
}

/** Uploads a package as the session's user (multipart, with its cookies and CSRF token). */
async function upload(session, bytes) {
  await session.call('GET', '/api/v1/auth/csrf')
  const cookies = session.cookieHeader()
  const xsrf = decodeURIComponent(/XSRF-TOKEN=([^;]+)/.exec(cookies)[1])
  const form = new FormData()
  form.append('package', new Blob([bytes]), 'demo-hello.tar.gz')
  const response = await fetch(`${app.baseUrl}/api/v1/marketplace/vendor/packages`, {
    method: 'POST',
    headers: { 'cookie': cookies, 'x-xsrf-token': xsrf },
    body: form,
  })
  return { status: response.status, body: await response.json() }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
})

try {
  const admin = await person('Admin Plateforme', 'admin@vendor-bench.example', null)
  spawnSync(process.execPath, ['ace.js', 'users:platform-admin', 'admin@vendor-bench.example'], {
    cwd: join(ROOT, 'backend'),
    env: app.env,
    stdio: 'inherit',
  })
  // The server closed the idle keep-alive connections meanwhile; the first reuse fails and drops them.
  await fetch(`${app.baseUrl}/health/live`).catch(() => {})
  const vendor = await person('Éditeur Démo', 'vendor@vendor-bench.example', null)
  const owner = await person('Amani Owner', 'owner@vendor-bench.example', 'Brasserie du Lac')
  const neighbour = await person('Bora Voisin', 'other@vendor-bench.example', 'Atelier Voisin')
  await owner.session.call('POST', `/api/v1/orgs/${owner.orgId}/modules/contacts/enable`)

  const opened = await vendor.session.call('POST', '/api/v1/marketplace/vendor', {
    name: 'Éditeur Démo',
    prefix: 'demo',
    email: 'vendor@vendor-bench.example',
  })
  const vendorId = opened.body.vendor.id
  await admin.session.call('POST', `/api/v1/admin/marketplace/vendors/${vendorId}/review`, {
    decision: 'approve',
  })
  await vendor.session.call('POST', '/api/v1/marketplace/vendor/keys', {
    name: 'ia-vendor keygen',
    publicKey: readFileSync(join(work, 'demo.pub.pem'), 'utf8'),
  })
  const uploaded = await upload(vendor.session, readFileSync(archivePath))
  check(uploaded.status === 201, `upload of the kit's package accepted (${uploaded.status})`)
  const versionId = uploaded.body.version.id
  const approved = await admin.session.call(
    'POST',
    `/api/v1/admin/marketplace/versions/${versionId}/review`,
    { decision: 'approve' }
  )
  check(approved.status === 200, 'version approved and counter-signed')
  const installed = await owner.session.call(
    'POST',
    `/api/v1/orgs/${owner.orgId}/marketplace/installs`,
    { versionId, consentedScopes: ['platform:read'] }
  )
  check(installed.status === 201, 'installed in the organisation after consent')
  const elsewhere = await neighbour.session.call(
    'GET',
    `/api/v1/orgs/${neighbour.orgId}/shell-manifest`
  )
  check(
    !elsewhere.body.modules.some((module) => module.id === MODULE),
    'another organisation does not see it'
  )

  /**
   * Opens the module through a proxy that appends code to one of its chunks (a file changed after review):
   * the code never runs, and the module's error panel names the file.
   */
  async function tamperedRun(label, chunkPattern, inFrame) {
    let tamperedPath = null
    const proxy = http.createServer((request, response) => {
      const upstream = http.request(
        `${app.baseUrl}${request.url}`,
        { method: request.method, headers: { ...request.headers, 'accept-encoding': 'identity' } },
        (answer) => {
          const chunks = []
          answer.on('data', (chunk) => chunks.push(chunk))
          answer.on('end', () => {
            const path = new URL(request.url, app.baseUrl).pathname
            let body = Buffer.concat(chunks)
            if (path.startsWith(FILES) && chunkPattern.test(path)) {
              tamperedPath = path
              body = Buffer.concat([body, Buffer.from('\n;globalThis.pwned = 1\n')])
            }
            const headers = { ...answer.headers }
            delete headers['content-length']
            response.writeHead(answer.statusCode, headers)
            response.end(body)
          })
        }
      )
      request.pipe(upstream)
    })
    await new Promise((done) => proxy.listen(0, '127.0.0.1', done))
    try {
      const blocked = (page) =>
        page
          .getByRole('alert')
          .filter({ hasText: /bloqué/ })
          .first()
      const result = await openModule(`/${MODULE}`, blocked, {
        baseUrl: `http://127.0.0.1:${proxy.address().port}`,
        rounds: ['cold'],
      })
      const panel = await blocked(result.page).innerText()
      await screenshots(`blocked-${inFrame ? 'frame' : 'page'}`, result.page)
      const frames = result.page.frames()
      const pwned = (
        await Promise.all(frames.map((frame) => frame.evaluate(() => 'pwned' in globalThis)))
      ).some(Boolean)
      check(
        tamperedPath !== null && !pwned && panel.includes(tamperedPath),
        `${label}: the changed ${tamperedPath} never runs, the panel names it${inFrame ? ' (frame)' : ''}`
      )
      await result.context.close()
    } finally {
      proxy.closeAllConnections()
      proxy.close()
    }
  }

  /** A signed-in page of the owner, its transfers by URL, and the time until `ready` shows. */
  async function openModule(
    path,
    ready,
    { baseUrl = app.baseUrl, rounds = ['cold', 'warm', 'warm', 'warm'] } = {}
  ) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'fr-FR' })
    if (process.env.DEBUG_SHOTS)
      await context.addInitScript(() => {
        window.addEventListener('message', (event) =>
          console.log(
            `[message in ${location.pathname}] ${JSON.stringify(event.data).slice(0, 200)} from ${event.origin} ${event.source === document.querySelector('iframe')?.contentWindow}`
          )
        )
      })
    const page = await context.newPage()
    page.setDefaultTimeout(20000)
    page.on('console', (message) => {
      if (message.type() === 'error' || process.env.DEBUG_SHOTS)
        console.log(`  [browser] ${message.text()}`)
    })
    page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`))
    if (process.env.DEBUG_SHOTS)
      page.on('requestfailed', (request) =>
        console.log(`  [request failed] ${request.url()} ${request.failure()?.errorText}`)
      )
    await page.goto('/sign-in')
    await page.getByLabel('Adresse e-mail').fill(owner.email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: /Bonjour/ }).waitFor()
    const bytes = new Map()
    page.on('response', async (response) => {
      const url = new URL(response.url())
      // The module's files, and what the sandboxed frame loads besides them (its host page's scripts).
      const inFrame = response.frame() !== page.mainFrame()
      if (!/^\/(marketplace\/files|remotes)\//.test(url.pathname) && !inFrame) return
      const body = await response.body().catch(() => null)
      if (body)
        bytes.set(
          inFrame && !url.pathname.startsWith(FILES) ? `frame:${url.pathname}` : url.pathname,
          body
        )
    })
    const timings = []
    for (const round of rounds) {
      const started = performance.now()
      await page.goto(path)
      await ready(page)
        .waitFor()
        .catch(async (error) => {
          if (process.env.DEBUG_SHOTS) {
            await page.screenshot({ path: join(process.env.DEBUG_SHOTS, 'failed.png') })
            for (const frame of page.frames())
              console.log(
                `  [frame] ${frame.url()} ${JSON.stringify(
                  await frame.evaluate(() => ({
                    lang: document.documentElement.lang,
                    theme: document.documentElement.dataset.theme,
                    body: document.body.innerHTML.slice(0, 300),
                    resources: performance
                      .getEntriesByType('resource')
                      .map((entry) => entry.name.split('/').pop()),
                  }))
                )}`
              )
          }
          throw error
        })
      timings.push({ round, ms: Math.round(performance.now() - started) })
      if (rounds.length > 1) await page.goto('/')
    }
    return { context, page, bytes, timings }
  }

  const sizeOf = (bytes, prefix) => {
    let raw = 0
    let gzip = 0
    for (const [path, body] of bytes) {
      if (!path.startsWith(prefix)) continue
      raw += body.length
      gzip += gzipSync(body, { level: 9 }).length
    }
    return { files: [...bytes.keys()].filter((path) => path.startsWith(prefix)).length, raw, gzip }
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`
  const report = (label, result, prefix) => {
    const size = sizeOf(result.bytes, prefix)
    const host = sizeOf(result.bytes, 'frame:')
    const warm = result.timings
      .filter(({ round }) => round === 'warm')
      .map(({ ms }) => ms)
      .sort((a, b) => a - b)
    console.log(
      `${label}: ${size.files} files, ${kb(size.raw)} (${kb(size.gzip)} gzip)` +
        (host.files
          ? ` + frame host ${host.files} files, ${kb(host.raw)} (${kb(host.gzip)} gzip)`
          : '') +
        `; shown after: cold ${result.timings[0].ms} ms, warm median ${warm[1]} ms (${warm.join(', ')})`
    )
  }

  /** Screenshots of the module's area in fr and en, at 1280 and 390 px wide (SHOTS=<dir>). */
  async function screenshots(name, page) {
    if (!process.env.SHOTS) return
    for (const locale of ['fr', 'en']) {
      await page.setViewportSize({ width: 1280, height: 800 })
      await page
        .locator('.locale-switch__option:visible', { hasText: locale.toUpperCase() })
        .first()
        .click()
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 })
        await page.waitForTimeout(400)
        await page.screenshot({ path: join(process.env.SHOTS, `${name}-${locale}-${width}.png`) })
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.locator('.locale-switch__option:visible', { hasText: 'FR' }).first().click()
  }

  // Sandboxed tier: the vendor is not audited.
  const inFrame = (page) => page.frameLocator('iframe').getByText('Bonjour depuis Hello !')
  const sandboxed = await openModule(`/${MODULE}`, inFrame)
  report('sandboxed iframe tier', sandboxed, FILES)
  await sandboxed.page.goto(`/${MODULE}`)
  await inFrame(sandboxed.page).waitFor()
  await screenshots('sandboxed', sandboxed.page)
  const frame = sandboxed.page
    .frames()
    .find((candidate) => candidate !== sandboxed.page.mainFrame())
  const probe = await frame.evaluate(() => {
    const attempt = (read) => {
      try {
        return { ok: true, value: String(read()) }
      } catch (error) {
        return { ok: false, value: String(error.name) }
      }
    }
    return {
      origin: self.origin,
      cookie: attempt(() => document.cookie),
      storage: attempt(() => localStorage.getItem('ia.locale')),
      parentDom: attempt(() => window.parent.document.title),
    }
  })
  check(probe.origin === 'null', `the frame has an opaque origin (${probe.origin})`)
  check(!probe.cookie.ok, `it cannot read the shell's cookies (${probe.cookie.value})`)
  check(!probe.storage.ok, `it cannot read local storage (${probe.storage.value})`)
  check(!probe.parentDom.ok, `it cannot reach the shell's DOM (${probe.parentDom.value})`)
  const counted = await sandboxed.page
    .frameLocator('iframe')
    .getByRole('button', { name: 'Clics : 0' })
    .click()
    .then(() => true)
  check(counted, 'its page works in the frame')
  await sandboxed.context.close()
  await tamperedRun('sandboxed tier', /\/remoteEntry\.js$/, true)

  // In-page tier: a platform admin marks the vendor audited.
  await admin.session.call('POST', `/api/v1/admin/marketplace/vendors/${vendorId}/review`, {
    decision: 'approve',
    audited: true,
  })
  const inPage = await openModule(`/${MODULE}`, (page) =>
    page.locator('main').getByText('Bonjour depuis Hello !')
  )
  report('in-page tier (audited)     ', inPage, FILES)
  check((await inPage.page.locator('iframe').count()) === 0, 'the audited module runs in the page')
  await inPage.context.close()

  const contacts = await openModule('/contacts', (page) =>
    page.getByRole('heading', { name: 'Contacts', exact: true })
  )
  report('first-party Contacts remote', contacts, '/remotes/contacts/')
  await contacts.context.close()
  await tamperedRun('in-page tier', /\/assets\/HelloPage-.+\.js$/, false)
} finally {
  await browser.close()
  app.stop()
}

if (failures.length) console.error(`\n${failures.length} check(s) failed`)
process.exit(failures.length ? 1 : 0)
