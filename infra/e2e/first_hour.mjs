/*
 * The first hour of a new user (issue 10): an import built to fix mistakes, focus you can see and follow
 * with the keyboard, dense screens at phone width, and sample data loaded and removed on demand. Each in
 * French at 1280 px and English at 390 px, with screenshots and an axe check of the pages it opens.
 * Called by run.mjs while a job worker runs (imports and sample data are jobs).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
)

/** A file from another program: headers that name no contact field but its notes, one row with a bad email. */
const FOREIGN_CSV = [
  'Raison;Tél. portable;Adresse électronique;Commentaire',
  'Kin Distribution;0851234567;ventes@kin.example.cd;Grossiste',
  'Pharmacie Espoir;0971234567;pas-un-email;',
  'Brasserie du Lac;0812345678;lac@example.cd;',
].join('\r\n')

/** The words each language's screens use. */
const WORDS = {
  fr: {
    check: 'Vérifier le fichier',
    nameMissing: 'Aucune colonne ne donne le nom',
    column: (n, header) => `Colonne ${n} · ${header}`,
    emailProblem: 'E-mail : Saisissez une adresse e-mail valide.',
    confirm: (n) => `Importer ${n} contact${n > 1 ? 's' : ''}`,
    done: 'Import terminé',
    rejected: 'Télécharger les lignes ignorées (CSV)',
    another: 'Importer un autre fichier',
    imported: (n) => `${n} contact importé`,
    reason: 'motif du refus',
    templateHeader: 'nom;type;client;fournisseur',
    skipMain: /^Aller à l’action principale$/,
    members: 'Membres',
    load: 'Charger des exemples',
    remove: 'Retirer les exemples',
    loaded: 'Les données d’exemple sont chargées.',
    removed: 'Les données d’exemple ont été retirées.',
  },
  en: {
    check: 'Check the file',
    nameMissing: 'No column gives the contacts',
    column: (n, header) => `Column ${n} · ${header}`,
    emailProblem: 'Email: Enter a valid email address.',
    confirm: (n) => `Import ${n} contact${n > 1 ? 's' : ''}`,
    done: 'Import finished',
    rejected: 'Download the skipped rows (CSV)',
    another: 'Import another file',
    imported: (n) => `${n} contact imported`,
    reason: 'reason rejected',
    templateHeader: 'name,kind,customer,supplier',
    skipMain: /^Skip to the main action$/,
    members: 'Members',
    load: 'Load samples',
    remove: 'Remove samples',
    loaded: 'The sample data is loaded.',
    removed: 'The sample data was removed.',
  },
}

/** The two ways each scenario runs: French on a desktop, English on a phone. */
const VARIANTS = [
  { lang: 'fr', width: 1280, height: 800 },
  { lang: 'en', width: 390, height: 740 },
]

/**
 * `t` gives run.mjs's helpers: scenario, newPage, shot, assert, signUpWithOrganization, enableContacts,
 * and `tag`, which makes this run's e-mail addresses its own.
 */
export async function firstHourScenarios(t) {
  const { scenario, newPage, shot, assert, signUpWithOrganization, enableContacts, tag = '' } = t

  /** Serious and critical axe violations of the page as it stands. */
  const axe = async (page, where) => {
    await page.evaluate(axeSource)
    const found = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] })
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.nodes
              .slice(0, 3)
              .map((node) => node.target.join(' '))
              .join(' | ')}`
        )
    })
    assert(found.length === 0, `axe on ${where}:\n      ${found.join('\n      ')}`)
  }

  /** A new user with Contacts enabled, in `lang` at `width` px; ends on the home page. */
  const newcomer = async ({ lang, width, height }, name) => {
    const opened = await newPage()
    const { page } = opened
    await signUpWithOrganization(page, {
      fullName: `${name} Kabeya`,
      email: `${name.toLowerCase()}${tag}@example.cd`,
      organization: `${name} SARL`,
    })
    await enableContacts(page)
    if (lang === 'en') {
      await page.goto('/')
      await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click()
      await page.getByRole('heading', { name: /Hello/ }).waitFor()
    }
    await page.setViewportSize({ width, height })
    const orgId = await page.evaluate(() => localStorage.getItem('ia.lastOrganizationId'))
    return { ...opened, orgId }
  }

  /** A text file fetched from the page, with its session. */
  const fetchText = (page, href) => page.evaluate(async (url) => (await fetch(url)).text(), href)

  /** Chooses a CSV file in the import's first step and checks it. */
  const checkFile = async (page, words, name, text) => {
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
    await page.getByRole('button', { name: words.check }).click()
  }

  for (const variant of VARIANTS) {
    const words = WORDS[variant.lang]
    const suffix = `${variant.lang}-${variant.width}`

    await scenario(`first hour: an import built to fix mistakes (${suffix})`, async () => {
      const { context, page } = await newcomer(
        variant,
        variant.lang === 'fr' ? 'Importfr' : 'Importen'
      )
      await page.goto('/contacts/import')
      const template = await page
        .locator('a[href$="/contacts/import/template.csv"]')
        .getAttribute('href')
      assert(
        (await fetchText(page, template)).replace(/^\uFEFF/, '').startsWith(words.templateHeader),
        'the template is not in the user’s language'
      )
      await shot(page, `import-file-${suffix}`)
      await axe(page, `import (file) ${suffix}`)

      // Headers that name no field: the user maps them, the file's first rows shown under each field.
      await checkFile(page, words, 'export-logiciel.csv', FOREIGN_CSV)
      await page.getByText(words.nameMissing).waitFor()
      for (const [field, column, header] of [
        ['name', 1, 'Raison'],
        ['phone', 2, 'Tél. portable'],
        ['email', 3, 'Adresse électronique'],
      ]) {
        await page.locator(`[data-field="${field}"]`).getByRole('combobox').click()
        await page.getByRole('option', { name: words.column(column, header) }).click()
        await page
          .locator(`[data-field="${field}"]`)
          .getByText(
            field === 'name'
              ? 'Kin Distribution'
              : field === 'phone'
                ? '0851234567'
                : 'ventes@kin.example.cd'
          )
          .waitFor()
      }
      await shot(page, `import-mapping-${suffix}`)

      // Rows to fix first, under the field's label; the import button in view without scrolling past the rows.
      const firstRow = page.locator('.contacts-import__table tbody tr').first()
      await firstRow.getByText(words.emailProblem).waitFor()
      const confirm = page.getByRole('button', { name: words.confirm(2) })
      const box = await confirm.boundingBox()
      assert(
        box && box.y + box.height <= variant.height,
        `the import button is below the fold (${JSON.stringify(box)})`
      )
      await page.locator('.contacts-import__mapping summary').click()
      await shot(page, `import-preview-${suffix}`)
      await axe(page, `import (preview) ${suffix}`)

      await confirm.click()
      await page.getByText(words.done).waitFor()
      const rejectedLink = page.getByRole('link', { name: words.rejected })
      const rejected = (await fetchText(page, await rejectedLink.getAttribute('href'))).replace(
        /^\uFEFF/,
        ''
      )
      assert(
        rejected.split('\r\n')[0].endsWith(words.reason) && rejected.includes('pas-un-email'),
        `rejected rows: ${rejected}`
      )
      await shot(page, `import-result-${suffix}`)

      // Corrected, the rejected rows import as they are: their headers are the ones the import reads.
      await page.getByRole('button', { name: words.another }).click()
      await checkFile(
        page,
        words,
        'corrige.csv',
        rejected.replace('pas-un-email', 'espoir@example.cd')
      )
      await page.getByRole('button', { name: words.confirm(1) }).click()
      await page.getByText(words.imported(1)).waitFor()
      await context.close()
    })

    await scenario(`first hour: focus, density and the keyboard (${suffix})`, async () => {
      const { context, page, orgId } = await newcomer(
        variant,
        variant.lang === 'fr' ? 'Focusfr' : 'Focusen'
      )
      for (const name of [
        'Kin Distribution',
        'Brasserie du Lac',
        'Pharmacie Espoir',
        'Transports Kivu',
      ]) {
        const created = await page.evaluate(
          async ({ orgId, name }) => {
            const xsrf = decodeURIComponent(
              document.cookie
                .split('; ')
                .find((cookie) => cookie.startsWith('XSRF-TOKEN='))
                ?.split('=')[1] ?? ''
            )
            const body = {
              kind: 'company',
              name,
              email: `comptabilite.generale@${name.toLowerCase().replace(/ /g, '-')}.example.cd`,
              phone: '0810001014',
              city: 'Goma',
            }
            return (
              await fetch(`/api/v1/orgs/${orgId}/contacts`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-xsrf-token': xsrf },
                body: JSON.stringify(body),
              })
            ).status
          },
          { orgId, name }
        )
        assert(created === 201, `contact: ${created}`)
      }
      await page.goto('/contacts')
      await page.getByText('Transports Kivu').first().waitFor()
      // The skip links: content first, then the list's main action.
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      const skip = await page.evaluate(() => document.activeElement?.textContent?.trim())
      assert(words.skipMain.test(skip ?? ''), `second Tab: ${skip}`)
      await page.keyboard.press('Enter')
      assert(
        (await page.evaluate(() => document.activeElement?.getAttribute('href'))) ===
          '/contacts/new',
        'the skip link did not reach the main action'
      )

      // A text field in focus shows a ring.
      await page.getByRole('searchbox').focus()
      await page.waitForTimeout(200)
      const ring = await page
        .getByRole('searchbox')
        .evaluate((input) => getComputedStyle(input).boxShadow)
      assert(ring && ring !== 'none', 'the search field shows no focus ring')
      await shot(page, `focus-contacts-${suffix}`)

      // Ctrl K finds a contact by its number typed the local way and shows the number formatted. The
      // search index is filled by the worker after each creation: the query is asked again until it has.
      await page.keyboard.press('Control+k')
      const palette = page.getByRole('dialog')
      const found = palette.getByRole('option', { name: /Transports Kivu/ })
      for (let attempt = 0; attempt < 20 && !(await found.count()); attempt++) {
        await palette.getByRole('textbox').fill('')
        await palette.getByRole('textbox').fill('081 000 1014')
        await found.waitFor({ timeout: 1500 }).catch(() => {})
      }
      assert(
        (await found.count()) > 0 && /\+243 810 001 014/.test(await found.first().innerText()),
        `the palette's result for a local number: ${await palette.innerText()}`
      )
      await shot(page, `palette-phone-${suffix}`)
      await page.keyboard.press('Escape')
      await palette.waitFor({ state: 'detached' })

      // The whole row opens its record (a card on a phone), and the new page's heading has focus.
      const onPhone = variant.width <= 640
      const row = page
        .locator(
          onPhone
            ? '.contacts-table .ia-datatable__card'
            : '.contacts-table tbody tr[aria-rowindex]'
        )
        .filter({ hasText: 'Brasserie du Lac' })
      await (onPhone ? row.locator('dt').first() : row.locator('td').nth(2)).click()
      await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
      await page.locator('main h1', { hasText: 'Brasserie du Lac' }).waitFor()
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
      await shot(page, `focus-contact-detail-${suffix}`)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth
      )
      assert(overflow <= 0, `a long email widens the contact page by ${overflow} px`)

      await page.goto('/settings/members')
      await page.getByRole('tablist').waitFor()
      const tabs = await page
        .getByRole('tablist')
        .evaluate((list) => ({ scroll: list.scrollWidth, client: list.clientWidth }))
      assert(tabs.scroll <= tabs.client + 1, `the members tabs overflow: ${JSON.stringify(tabs)}`)
      const email = page.locator('.person__email').first()
      const emailBox = await email.evaluate((element) => ({
        lines: Math.round(
          element.getBoundingClientRect().height /
            Number.parseFloat(getComputedStyle(element).lineHeight)
        ),
      }))
      assert(emailBox.lines <= 1, `the email wraps on ${emailBox.lines} lines`)
      await shot(page, `members-${suffix}`)
      await axe(page, `members ${suffix}`)

      await page.goto('/')
      await page.locator('.module-card').first().waitFor()
      const tile = (await page.locator('.module-card').first().innerText())
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
      assert(
        tile.filter((line) => line === 'Contacts').length === 1,
        `the home tile reads ${tile.join(' / ')}`
      )
      await context.close()
    })

    await scenario(
      `first hour: sample data loaded and removed in one click, the user's own data kept (${suffix})`,
      async () => {
        const { context, page, orgId } = await newcomer(
          variant,
          variant.lang === 'fr' ? 'Samplefr' : 'Sampleen'
        )
        await page.goto('/')
        const offer = page.getByTestId('sample-data')
        await offer.getByRole('button', { name: words.load }).click()
        await page.getByText(words.loaded, { exact: true }).waitFor()
        await offer.getByRole('button', { name: words.remove }).waitFor()
        await shot(page, `sample-data-loaded-${suffix}`)
        await axe(page, `home with sample data ${suffix}`)

        await page.goto('/contacts')
        await page.getByText('Brasserie des Grands Lacs SARL').first().waitFor()
        await shot(page, `sample-data-contacts-${suffix}`)
        const own = await page.evaluate(async (orgId) => {
          const xsrf = decodeURIComponent(
            document.cookie
              .split('; ')
              .find((cookie) => cookie.startsWith('XSRF-TOKEN='))
              ?.split('=')[1] ?? ''
          )
          return (
            await fetch(`/api/v1/orgs/${orgId}/contacts`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-xsrf-token': xsrf },
              body: JSON.stringify({ kind: 'company', name: 'Ma Propre Société' }),
            })
          ).status
        }, orgId)
        assert(own === 201, `own contact: ${own}`)

        await page.goto('/')
        await offer.getByRole('button', { name: words.remove }).click()
        await page.getByText(words.removed, { exact: true }).waitFor()
        await offer.getByRole('button', { name: words.load }).waitFor()
        await page.goto('/contacts')
        await page.getByText('Ma Propre Société').first().waitFor()
        assert(
          (await page.getByText('Brasserie des Grands Lacs SARL').count()) === 0,
          'a sample contact is left'
        )
        await shot(page, `sample-data-removed-${suffix}`)
        await context.close()
      }
    )
  }
}
