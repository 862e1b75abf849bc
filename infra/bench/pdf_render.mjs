/*
 * PDF rendering benchmark: the invoice template of the invoicing module with a realistic three-line
 * invoice and a logo, through the platform's renderer, against a bare one-line Typst document rendered by
 * the same compiler, side by side in one process (one core: rendering is synchronous).
 * Goal (issue 12): at least 50 invoices per second per core.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const { values: options } = parseArgs({ options: { count: { type: 'string', default: '200' } } })
const count = Number(options.count)

// Node 24 strips the types of this file itself; it imports nothing of the workspace at run time.
const { TypstRenderer } = await import(
  join(ROOT, 'modules/platform/app/documents/typst_renderer.ts')
)
const invoice = JSON.parse(
  readFileSync(join(ROOT, 'infra/bench/fixtures/invoice_document.json'), 'utf8')
)
const logo = readFileSync(join(ROOT, 'infra/bench/fixtures/logo.png'))
const renderer = new TypstRenderer()
const template = join(ROOT, 'modules/invoicing/resources/documents/invoice.typ')
const bare = join(ROOT, 'infra/bench/fixtures/bare.typ')

async function measure(label, render) {
  await render(-1)
  const started = process.hrtime.bigint()
  for (let index = 0; index < count; index++) await render(index)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const perSecond = count / seconds
  console.log(
    `${label.padEnd(34)} ${perSecond.toFixed(1).padStart(8)} PDFs/s  (${((seconds / count) * 1000).toFixed(2)} ms each)`
  )
  return perSecond
}

const bareRate = await measure('bare one-line document', (index) =>
  renderer.pdf({ template: bare, data: { text: `Document ${index}` } })
)
const invoiceRate = await measure('invoice (3 lines, logo, 2 tax groups)', (index) =>
  renderer.pdf({
    template,
    data: { ...invoice, number: `FA-2026-${String(index).padStart(4, '0')}` },
    files: { '/images/logo.png': logo },
  })
)
console.log(
  `\ninvoice / bare: ${(invoiceRate / bareRate).toFixed(2)}x; goal >= 50 invoices/s per core: ${invoiceRate >= 50 ? 'met' : 'NOT met'}`
)
