import { test } from '@japa/runner'
import {
  StatementFileError,
  detectDateFormat,
  mappingFromHeader,
  parseAmount,
  readStatementFile,
} from '../../app/services/statement_files.ts'

const OFX_SGML = `OFXHEADER:100
DATA:OFXSGML
VERSION:102

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20260301120000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>RAW<ACCTID>0001<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20260201<DTEND>20260228
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260203<TRNAMT>1250.50<FITID>F-1<NAME>Kasongo SARL<MEMO>Facture F-2026-0004</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260210120000[+1:WAT]<TRNAMT>-80.00<FITID>F-2<NAME>SNEL<MEMO>Electricite</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>1170.50<DTASOF>20260228</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>`

const CAMT = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-01T08:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>CD0000000000000000000000001</IBAN></Id><Ccy>CDF</Ccy></Acct>
      <Ntry>
        <Amt Ccy="CDF">250000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-02-05</Dt></BookgDt><AcctSvcrRef>BANK-77</AcctSvcrRef>
        <NtryDtls><TxDtls><Refs><EndToEndId>F-2026-0009</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>Mbuyi Trading</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>Paiement facture</Ustrd><Ustrd>F-2026-0009</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="CDF">12000</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><DtTm>2026-02-06T10:00:00</DtTm></BookgDt><AddtlNtryInf>Frais de tenue de compte</AddtlNtryInf>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`

test.group('Statement files', () => {
  test('reads amounts as banks and spreadsheets write them', ({ assert }) => {
    assert.equal(parseAmount('1 234,56', ','), '1234.56')
    assert.equal(parseAmount('1\u202f234,5', ','), '1234.5')
    assert.equal(parseAmount('-1,234.50', '.'), '-1234.5')
    assert.equal(parseAmount('(12.00)', '.'), '-12')
    assert.equal(parseAmount('45.00-', '.'), '-45')
    assert.equal(parseAmount('USD 10', '.'), '10')
    assert.isNull(parseAmount('douze', '.'))
    assert.isNull(parseAmount('1,2,3', '.'))
    assert.isNull(parseAmount('', '.'))
  })

  test('guesses the date layout from the sample dates', ({ assert }) => {
    assert.equal(detectDateFormat(['2026-02-01', '2026-02-28']), 'yyyy-MM-dd')
    assert.equal(detectDateFormat(['03/02/2026', '28/02/2026']), 'dd/MM/yyyy')
    assert.equal(detectDateFormat(['02/28/2026']), 'MM/dd/yyyy')
    assert.equal(detectDateFormat(['15/01/2026 14:32:10']), 'dd/MM/yyyy')
    // One impossible date does not make the others unreadable.
    assert.equal(detectDateFormat(['2026-02-03 09:12', '2026-02-31 08:00']), 'yyyy-MM-dd')
  })

  test('maps French bank and M-Pesa headers to fields', ({ assert }) => {
    assert.deepEqual(
      mappingFromHeader(['Date opération', 'Libellé', 'Débit', 'Crédit', 'Référence']),
      {
        date: 0,
        description: 1,
        debit: 2,
        credit: 3,
        reference: 4,
      }
    )
    assert.deepEqual(
      mappingFromHeader([
        'Receipt No.',
        'Completion Time',
        'Details',
        'Paid In',
        'Withdrawn',
        'Balance',
      ]),
      { reference: 0, date: 1, description: 2, credit: 3, debit: 4 }
    )
  })

  test('reads a French semicolon CSV with debit and credit columns, refusing bad rows one by one', ({
    assert,
  }) => {
    const csv = [
      'Date opération;Libellé;Débit;Crédit;Référence',
      '03/02/2026;Versement client;;1 500,00;F-0001',
      '04/02/2026;Loyer février;800,00;;VIR-22',
      '31/02/2026;Date impossible;10,00;;',
      '05/02/2026;Montant illisible;abc;;',
      '06/02/2026;Rien;;;',
    ].join('\r\n')
    const reading = readStatementFile(Buffer.from(csv))
    assert.equal(reading.format, 'csv')
    assert.deepEqual(reading.reading, {
      mapping: { date: 0, description: 1, debit: 2, credit: 3, reference: 4 },
      dateFormat: 'dd/MM/yyyy',
      decimalSeparator: ',',
    })
    assert.deepEqual(
      reading.entries.map(({ line, date, amount, reference }) => ({
        line,
        date,
        amount,
        reference,
      })),
      [
        { line: 2, date: '2026-02-03', amount: '1500', reference: 'F-0001' },
        { line: 3, date: '2026-02-04', amount: '-800', reference: 'VIR-22' },
      ]
    )
    assert.deepEqual(reading.errors, [
      { line: 4, field: 'date', reason: 'invalid_date' },
      { line: 5, field: 'debit', reason: 'invalid_amount' },
      { line: 6, field: 'credit', reason: 'zero_amount' },
    ])
  })

  test('follows the mapping the user chose over the guessed one', ({ assert }) => {
    const csv = 'a,b,c\n2026-02-01,Vente,12.5\n2026-02-02,Achat,-3\n'
    assert.throws(() => readStatementFile(Buffer.from(csv)), /no_date/)
    const reading = readStatementFile(Buffer.from(csv), {
      mapping: { date: 0, description: 1, amount: 2 },
    })
    assert.deepEqual(
      reading.entries.map(({ date, amount, description }) => [date, amount, description]),
      [
        ['2026-02-01', '12.5', 'Vente'],
        ['2026-02-02', '-3', 'Achat'],
      ]
    )
  })

  test('reads an OFX (SGML) statement with its bank ids', ({ assert }) => {
    const reading = readStatementFile(Buffer.from(OFX_SGML))
    assert.equal(reading.format, 'ofx')
    assert.equal(reading.currency, 'USD')
    assert.deepEqual(
      reading.entries.map(({ date, amount, externalId, counterparty }) => [
        date,
        amount,
        externalId,
        counterparty,
      ]),
      [
        ['2026-02-03', '1250.5', 'F-1', 'Kasongo SARL'],
        ['2026-02-10', '-80', 'F-2', 'SNEL'],
      ]
    )
  })

  test('reads a CAMT.053 statement: direction, references and counterparties', ({ assert }) => {
    const reading = readStatementFile(Buffer.from(CAMT))
    assert.equal(reading.format, 'camt053')
    assert.equal(reading.currency, 'CDF')
    assert.deepEqual(reading.entries, [
      {
        line: 1,
        date: '2026-02-05',
        amount: '250000',
        description: 'Paiement facture F-2026-0009',
        reference: 'F-2026-0009',
        counterparty: 'Mbuyi Trading',
        externalId: 'BANK-77',
      },
      {
        line: 2,
        date: '2026-02-06',
        amount: '-12000',
        description: 'Frais de tenue de compte',
        reference: null,
        counterparty: null,
        externalId: null,
      },
    ])
  })

  test('refuses files that are not statements, saying why', ({ assert }) => {
    const reasonOf = (bytes: Buffer) => {
      try {
        readStatementFile(bytes)
      } catch (error) {
        if (error instanceof StatementFileError) return [error.reason, error.line]
        throw error
      }
      return null
    }
    assert.deepEqual(reasonOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), [
      'not_text',
      null,
    ])
    assert.deepEqual(reasonOf(Buffer.from('   \n')), ['empty', null])
    assert.deepEqual(reasonOf(Buffer.from('date;montant\n')), ['empty', null])
    assert.deepEqual(reasonOf(Buffer.from('libellé;montant\nx;1\n')), ['no_date', null])
    assert.deepEqual(reasonOf(Buffer.from('date;libellé\n01/02/2026;x\n')), ['no_amount', null])
    assert.deepEqual(
      reasonOf(
        Buffer.from('<?xml version="1.0"?>\n<Document><BkToCstmrStmt>\n<Stmt></BkToCstmrStmt>')
      ),
      ['malformed', 3]
    )
  })
})
