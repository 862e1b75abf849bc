import { test } from '@japa/runner'
import { fileURLToPath } from 'node:url'
import { extractText, getDocumentProxy } from 'unpdf'
import { DocumentTemplateError, TypstRenderer } from '../../../app/documents/typst_renderer.ts'

const LETTER = fileURLToPath(new URL('../../fixtures/documents/letter.typ', import.meta.url))
/** The smallest PNG: one pixel. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)

const letter = (overrides: Record<string, unknown> = {}) => ({
  title: 'Facture FA-2026-0001',
  lang: 'fr',
  body: 'Société Générale d’Équipement, Kinshasa/Gombe',
  lines: [
    { label: 'Sous-total', amount: '1 234 567,50 FC' },
    { label: 'TVA 16 %', amount: '197 530,80 FC' },
  ],
  ...overrides,
})

async function textOf(pdf: Uint8Array) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
    mergePages: true,
  })
  return text
}

test.group('Documents / Typst renderer', () => {
  const renderer = new TypstRenderer()

  test('renders the data into a PDF whose text can be read back, accents included', async ({
    assert,
  }) => {
    const pdf = await renderer.pdf({ template: LETTER, data: letter() })
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), '%PDF-')
    const text = await textOf(pdf)
    for (const expected of [
      'Facture FA-2026-0001',
      'Société Générale d’Équipement',
      '1 234 567,50 FC',
      'TVA 16 %',
    ]) {
      assert.include(text, expected)
    }
  })

  test('the same request gives the same bytes; other data or another date gives others', async ({
    assert,
  }) => {
    const createdAt = new Date('2026-03-01T09:00:00Z')
    const first = await renderer.pdf({ template: LETTER, data: letter(), createdAt })
    const second = await renderer.pdf({ template: LETTER, data: letter(), createdAt })
    assert.isTrue(Buffer.from(first).equals(Buffer.from(second)))
    const otherData = await renderer.pdf({
      template: LETTER,
      data: letter({ title: 'Facture FA-2026-0002' }),
      createdAt,
    })
    const otherDate = await renderer.pdf({
      template: LETTER,
      data: letter(),
      createdAt: new Date('2026-03-02T09:00:00Z'),
    })
    assert.isFalse(Buffer.from(first).equals(Buffer.from(otherData)))
    assert.isFalse(Buffer.from(first).equals(Buffer.from(otherDate)))
  })

  test('a file given with the request is read by the template, and forgotten after it', async ({
    assert,
  }) => {
    const withLogo = await renderer.pdf({
      template: LETTER,
      data: letter({ logo: true }),
      files: { '/images/logo.png': PIXEL_PNG },
    })
    assert.include(Buffer.from(withLogo).toString('latin1'), '/Subtype /Image')
    await assert.rejects(
      () => renderer.pdf({ template: LETTER, data: letter({ logo: true }) }),
      DocumentTemplateError
    )
  })

  test('a file outside the template folder is refused', async ({ assert }) => {
    await assert.rejects(
      () =>
        renderer.pdf({
          template: LETTER,
          data: letter(),
          files: { '../../secret.png': PIXEL_PNG },
        }),
      /outside the template's folder/
    )
  })
})
