import { test } from '@japa/runner'
import {
  decodeText,
  detectDelimiter,
  formatCsvLine,
  parseCsv,
  unescapeFormula,
  CsvSyntaxError,
} from '../../app/services/csv.ts'

test.group('CSV parser', () => {
  test('reads comma-separated records with quotes, doubled quotes and embedded line breaks', async ({
    assert,
  }) => {
    const table = await parseCsv(
      'name,notes\r\n"Dupont, Kasongo","il a dit ""oui""\nhier"\r\nMbuyi,\r\n'
    )
    assert.equal(table.delimiter, ',')
    assert.deepEqual(table.records, [
      { line: 1, cells: ['name', 'notes'] },
      { line: 2, cells: ['Dupont, Kasongo', 'il a dit "oui"\nhier'] },
      { line: 4, cells: ['Mbuyi', ''] },
    ])
  })

  test('detects the semicolon French Excel writes, and skips blank lines', async ({ assert }) => {
    const table = await parseCsv(
      'nom;ville;étiquettes\n\n   \nSociété Minière;Lubumbashi;"mines, export"\n'
    )
    assert.equal(table.delimiter, ';')
    assert.deepEqual(table.records, [
      { line: 1, cells: ['nom', 'ville', 'étiquettes'] },
      { line: 4, cells: ['Société Minière', 'Lubumbashi', 'mines, export'] },
    ])
  })

  test('counts separators of the header only, outside quotes', async ({ assert }) => {
    assert.equal(await detectDelimiter('"a;b;c",d\n1;2;3;4;5'), ',')
    assert.equal(await detectDelimiter('a\tb\tc'), '\t')
    assert.equal(await detectDelimiter('name'), ',')
  })

  test('fails on a quote never closed, naming its line', async ({ assert }) => {
    const error = await parseCsv('name\nok\n"never closed\nmore').catch(
      (failure: unknown) => failure
    )
    assert.instanceOf(error, CsvSyntaxError)
    assert.equal((error as CsvSyntaxError).line, 3)
  })

  test('stops reading past maxRecords', async ({ assert }) => {
    const table = await parseCsv(
      ['name', ...Array.from({ length: 50 }, (_, index) => `Contact ${index}`)].join('\n'),
      { maxRecords: 5 }
    )
    assert.lengthOf(table.records, 6)
    assert.deepEqual(table.records[5], { line: 6, cells: ['Contact 4'] })
  })

  test('decodes UTF-8 with or without BOM, falls back to Windows-1252, and refuses binary', ({
    assert,
  }) => {
    const utf8 = Buffer.from('nom\nSociété', 'utf8')
    assert.equal(decodeText(utf8), 'nom\nSociété')
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), 'nom\nSociété')
    assert.equal(decodeText(Buffer.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9])), 'Société')
    assert.isNull(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))
    assert.isNull(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
  })

  test('writes quoted cells when needed and defuses formulas, but leaves E.164 numbers alone', ({
    assert,
  }) => {
    assert.equal(
      formatCsvLine(['a;b', 'say "hi"', null, 'plain'], ';'),
      '"a;b";"say ""hi""";;plain\r\n'
    )
    assert.equal(
      formatCsvLine(['=1+1', '@SUM(A1)', '+243812345678', '-5'], ','),
      "'=1+1,'@SUM(A1),+243812345678,'-5\r\n"
    )
    assert.equal(unescapeFormula("'=1+1"), '=1+1')
    assert.equal(unescapeFormula("l'école"), "l'école")
  })

  test('reads back what it writes', async ({ assert }) => {
    const cells = ['Kin; "Distribution"', 'ligne 1\nligne 2', '', 'fin']
    const table = await parseCsv('a;b;c;d\n' + formatCsvLine(cells, ';'))
    assert.deepEqual(table.records[1].cells, cells)
  })
})
