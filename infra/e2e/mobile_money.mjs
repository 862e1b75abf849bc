/*
 * Mobile money in the browser (issue 14): an invoice mailed to its customer is paid from the customer page
 * with Unipesa's simulator operator, against the payments module's local Unipesa (its own test server,
 * started here on a free port). The local server plays the customer's phone: the scenario confirms the
 * payment there, Unipesa's signed callback reaches the app, the app asks `/status`, and the page and the
 * invoice turn paid. The customer page, the form, the refused phone, the wait and the paid states are
 * screenshot in French and English at 1280 and 390 px.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const BACKEND = resolve(fileURLToPath(new URL('../../backend', import.meta.url)))

/** The payments module's local Unipesa, a TypeScript file: loaded through the backend's TypeScript loader. */
async function loadLocalUnipesa() {
  // The loader reads the backend's tsconfig (which allows `.ts` imports) from this directory.
  process.env.TS_EXEC_PWD = BACKEND
  await import(
    pathToFileURL(createRequire(join(BACKEND, 'package.json')).resolve('@poppinss/ts-exec')).href
  )
  delete process.env.TS_EXEC_PWD
  const { LocalUnipesa } = await import(
    pathToFileURL(join(BACKEND, '../modules/payments/tests/support/unipesa_server.ts')).href
  )
  return LocalUnipesa
}

const MERCHANT = {
  publicId: 'e2e-public-id',
  merchantId: 'e2e-merchant',
  secretKey: 'e2e-unipesa-secret-key-0123456789abcdef',
}

/** The strings the steps look for, per language. */
const UI = {
  fr: {
    payLink: 'Payer par mobile money',
    phone: 'Votre numéro mobile',
    pay: /^Payer /,
    badPhone: /mobile de la RD Congo/,
    pending: /Confirmez le paiement sur votre téléphone/,
    paid: /Paiement reçu\. Référence opérateur : MP\d+/,
    invoicePaid: 'Payée',
    paidTitle: /^Facture FA-\d{4}-\d{4} payée$/,
    amountPaid: 'Montant payé',
  },
  en: {
    payLink: 'Pay by mobile money',
    phone: 'Your mobile number',
    pay: /^Pay /,
    badPhone: /DR Congo mobile number/,
    pending: /Confirm the payment on your phone/,
    paid: /Payment received\. Operator reference: MP\d+/,
    invoicePaid: 'Paid',
    paidTitle: /^Invoice FA-\d{4}-\d{4} paid$/,
    amountPaid: 'Amount paid',
  },
}

export async function mobileMoneyScenarios({
  scenario,
  newPage,
  shot,
  assert,
  signUpWithOrganization,
  api,
  dataDir,
}) {
  const LocalUnipesa = await loadLocalUnipesa()
  const unipesa = await new LocalUnipesa([MERCHANT]).start()

  /** The customer-page link of the newest mail to `to`, once the worker has written it. */
  const customerLinkMailedTo = async (to) => {
    const mailDir = join(dataDir, 'mails')
    for (let attempt = 0; attempt < 120; attempt++) {
      const file = existsSync(mailDir)
        ? readdirSync(mailDir)
            .filter((name) => name.includes(to))
            .sort()
            .at(-1)
        : undefined
      const text = file
        ? readFileSync(join(mailDir, file), 'utf8')
            .replace(/=\r?\n/g, '')
            .replace(/=3D/g, '=')
        : ''
      const match = text.match(/https?:\/\/[^\s"<>]*\/public\/invoicing\/[^\s"<>]+/)
      if (match) return new URL(match[0]).pathname + new URL(match[0]).search
      await new Promise((done) => setTimeout(done, 250))
    }
    throw new Error(`no customer link mailed to ${to}`)
  }

  try {
    await scenario(
      'mobile money: the customer pays an invoice from its page with the simulator; page and invoice turn paid (fr/en, 1280/390)',
      async () => {
        const { context: ownerContext, page: owner } = await newPage()
        await signUpWithOrganization(owner, {
          fullName: 'Grâce Kabeya',
          email: 'grace.kabeya@example.cd',
          organization: 'Brasserie du Fleuve Congo',
        })
        const orgId = await owner.evaluate(() => localStorage.getItem('ia.lastOrganizationId'))
        const orgApi = async (method, path, body, expected = 200) => {
          const response = await api(owner, method, `/api/v1/orgs/${orgId}${path}`, body)
          assert(
            response.status === expected,
            `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`
          )
          return response.body
        }
        for (const moduleId of ['contacts', 'currencies', 'invoicing', 'payments'])
          await orgApi('POST', `/modules/${moduleId}/enable`)
        // The organisation reports in USD: issuing a CDF invoice needs a rate (yesterday's applies today too).
        await orgApi(
          'POST',
          '/currencies/rates',
          {
            baseCurrency: 'USD',
            quoteCurrency: 'CDF',
            rate: '2850',
            date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
          },
          201
        )
        // The app runs in production mode here and calls the gateway's base URL as saved, loopback included.
        await orgApi('PUT', '/payments/settings', {
          baseUrl: unipesa.url,
          ...MERCHANT,
          enabledProviders: [9, 10, 14, 17, 19],
          enabled: true,
        })

        const rounds = [
          { lang: 'fr', phone: false },
          { lang: 'en', phone: false },
          { lang: 'fr', phone: true },
          { lang: 'en', phone: true },
        ]
        for (const [index, { lang, phone }] of rounds.entries()) {
          const ui = UI[lang]
          const suffix = `${lang}-${phone ? 390 : 1280}`
          const email = `client-${index}@example.cd`
          const { contact } = await orgApi(
            'POST',
            '/contacts',
            { kind: 'company', name: `Hôtel Memling ${index + 1}`, isCustomer: true, email },
            201
          )
          const { document: draft } = await orgApi(
            'POST',
            '/invoicing/documents',
            {
              kind: 'invoice',
              customerId: contact.id,
              currency: 'CDF',
              lines: [
                {
                  description: 'Casiers de bière',
                  quantity: '3',
                  unitPrice: '25000',
                  taxGroup: 'A',
                },
              ],
            },
            201
          )
          const { document: invoice } = await orgApi(
            'POST',
            `/invoicing/documents/${draft.id}/issue`
          )
          await orgApi('POST', `/invoicing/documents/${invoice.id}/send`, { lang })

          // The customer: no account, another browser, the link from the mail.
          const { context, page } = await newPage({ phone, width: 390, locale: `${lang}-CD` })
          await page.goto(await customerLinkMailedTo(email))
          const payLink = page.getByRole('link', { name: ui.payLink })
          await payLink.waitFor()
          await shot(page, `pay-customer-page-${suffix}`)
          await payLink.click()
          await page.waitForURL('**/public/payments/**')
          const payButton = page.getByRole('button', { name: ui.pay })
          await payButton.waitFor()
          await shot(page, `pay-form-${suffix}`)

          await page.getByRole('radio', { name: 'Unipesa Simulator' }).check()
          if (index === 0) {
            // A phone that is no DR Congo mobile number: refused on its field, nothing sent to the gateway.
            await page.getByLabel(ui.phone).fill('12345')
            await payButton.click()
            await page.locator('.ia-field__error').filter({ hasText: ui.badPhone }).waitFor()
            assert(unipesa.transactions.size === 0, 'a refused phone reached the gateway')
            await shot(page, `pay-bad-phone-${suffix}`)
          }
          const before = unipesa.transactions.size
          await page.getByLabel(ui.phone).fill('081 234 5678')
          await payButton.click()
          await page.getByText(ui.pending).waitFor()
          assert(unipesa.transactions.size === before + 1, 'no payment request reached Unipesa')
          await shot(page, `pay-pending-${suffix}`)

          // The customer accepts on the phone: the local Unipesa sends its signed callback.
          const transaction = [...unipesa.transactions.values()].at(-1)
          assert(transaction.providerId === 14, `operator ${transaction.providerId} was asked`)
          assert(
            transaction.amount === 75000 && transaction.currency === 'CDF',
            'wrong amount asked'
          )
          const callback = await unipesa.confirm(transaction.orderId)
          assert(callback.status === 200, `the callback answered ${callback.status}`)
          await page.getByText(ui.paid).waitFor()
          await page.getByRole('heading', { name: ui.paidTitle }).waitFor()
          await page.getByText(ui.amountPaid).waitFor()
          await shot(page, `pay-paid-${suffix}`)
          await context.close()

          const { document: shown } = await orgApi('GET', `/invoicing/documents/${invoice.id}`)
          assert(shown.status === 'paid', `the invoice is ${shown.status} after the payment`)
          if (index === 0) {
            // The owner's invoice list shows it paid.
            await owner.goto('/invoicing')
            await owner
              .getByRole('row')
              .filter({ hasText: invoice.number })
              .filter({ hasText: ui.invoicePaid })
              .waitFor()
            await shot(owner, 'pay-invoice-list-paid-fr-1280')
          }
        }
        await ownerContext.close()
      }
    )
  } finally {
    await unipesa.stop()
  }
}
