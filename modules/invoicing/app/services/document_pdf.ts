import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import i18nManager from '@adonisjs/i18n/services/main'
import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  currencyName,
  Decimal,
  documents,
  files,
  fromMinorUnits,
  organizations,
  type OrganizationProfile,
} from '@ia/kernel/contracts'
import type Document from '../models/document.ts'
import type { PartySnapshot } from '../models/document.ts'
import type DocumentLine from '../models/document_line.ts'
import TaxGroup from '../models/tax_group.ts'
import { decimalText } from './decimal_text.ts'
import { documentHooks } from '../../contracts/document_hooks.ts'

const TEMPLATE = fileURLToPath(new URL('../../resources/documents/invoice.typ', import.meta.url))

/** The languages a document is printed in. */
export type DocumentLocale = 'fr' | 'en'

/** How amounts are written in each language: French with the Congolese franc's own symbol (FC). */
const NUMBER_LOCALES: Record<DocumentLocale, string> = { fr: 'fr-CD', en: 'en' }

/** An amount (decimal string) with its currency, written for a reader of `locale`: exact, never through a float. */
export function formatMoney(amount: string, currency: string, locale: string) {
  const numberLocale = NUMBER_LOCALES[locale as DocumentLocale] ?? locale
  return new Intl.NumberFormat(numberLocale, { style: 'currency', currency }).format(
    amount as unknown as number
  )
}

/** Writes numbers, amounts and dates the way a reader of `locale` expects. */
function printer(locale: DocumentLocale, currency: string) {
  const numberLocale = NUMBER_LOCALES[locale]
  const digits = new Intl.NumberFormat(numberLocale, {
    style: 'currency',
    currency,
  }).resolvedOptions().maximumFractionDigits
  const plain = new Intl.NumberFormat(numberLocale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  const withCurrency = new Intl.NumberFormat(numberLocale, { style: 'currency', currency })
  const quantity = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 6 })
  const percent = new Intl.NumberFormat(numberLocale, {
    style: 'percent',
    maximumFractionDigits: 4,
  })
  // Intl formats decimal strings exactly: amounts never pass through a float.
  const format = (formatter: Intl.NumberFormat, value: string) =>
    formatter.format(value as unknown as number)
  return {
    amount: (minor: string) => format(plain, fromMinorUnits(minor, currency)),
    money: (minor: string) => format(withCurrency, fromMinorUnits(minor, currency)),
    decimal: (value: string) => format(plain, value),
    quantity: (value: string) => format(quantity, decimalText(value)),
    percent: (value: string) => format(percent, new Decimal(value).div(100).toString()),
    date: (value: DateTime) =>
      value.setLocale(locale).toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' }),
  }
}

/** A party's legal mentions: the snapshot taken at issue, or (a draft) what the organisation says today. */
function sellerOf(document: Document, profile: OrganizationProfile): PartySnapshot {
  return document.sellerSnapshot ?? profile
}

const present = <T extends { value: string | null }>(entries: T[]) =>
  entries.filter((entry): entry is T & { value: string } => Boolean(entry.value))

function addressOf(
  party: Pick<PartySnapshot, 'address' | 'city' | 'country'>,
  locale: DocumentLocale
) {
  const country = party.country
    ? new Intl.DisplayNames(locale, { type: 'region' }).of(party.country)
    : null
  return (
    [party.address, [party.city, country].filter(Boolean).join(', ')].filter(Boolean).join('\n') ||
    null
  )
}

/**
 * What the invoice template prints for `document`, every text translated to `locale` and every amount
 * formatted: a quote, an invoice or a credit note, a draft marked as such. Built from what was frozen at
 * issue (the parties' mentions, lines, rates and totals), so an issued document prints the same forever.
 */
export async function documentPrint(
  view: { document: Document; lines: DocumentLine[] },
  locale: DocumentLocale,
  profile: OrganizationProfile,
  client?: QueryClientContract
) {
  const { document, lines } = view
  const t = (key: string, data?: Record<string, unknown>) =>
    i18nManager.locale(locale).t(`invoicing.pdf.${key}`, data)
  const print = printer(locale, document.currency)
  const seller = sellerOf(document, profile)
  const customer = document.customerSnapshot ?? {
    name: document.customerName,
    address: null,
    city: null,
    country: null,
    nif: null,
    rccm: null,
    idNat: null,
    email: null,
    phone: null,
  }
  const groups = await TaxGroup.query({ client }).whereIn('code', [
    ...new Set(lines.map((line) => line.taxGroup)),
  ])
  const groupLabel = new Map(
    groups.map((group) => [group.code as string, locale === 'fr' ? group.labelFr : group.labelEn])
  )
  const credited = document.creditedDocumentId
    ? await (client ?? db)
        .from('invoicing.documents')
        .where({ id: document.creditedDocumentId, organization_id: document.organizationId })
        .select('number')
        .first()
    : null

  const dates = [
    { label: t('issueDate'), value: print.date(document.issueDate) },
    ...(document.kind === 'invoice' && document.dueDate
      ? [{ label: t('dueDate'), value: print.date(document.dueDate) }]
      : []),
    ...(document.kind === 'quote' && document.validUntil
      ? [{ label: t('validUntil'), value: print.date(document.validUntil) }]
      : []),
    {
      label: t('currency'),
      value: `${currencyName(document.currency, locale)} (${document.currency})`,
    },
  ]
  const identifiers = (party: PartySnapshot) =>
    present([
      { label: t('nif'), value: party.nif },
      { label: t('rccm'), value: party.rccm },
      { label: t('idNat'), value: party.idNat },
    ])
  const equivalent =
    document.reportingCurrency !== document.currency &&
    document.exchangeRate &&
    document.reportingTotalMinor &&
    document.exchangeRateDate
      ? t('equivalent', {
          amount: printer(locale, document.reportingCurrency).money(document.reportingTotalMinor),
          from: document.currency,
          rate: printer(locale, document.reportingCurrency).decimal(
            decimalText(document.exchangeRate)
          ),
          to: document.reportingCurrency,
          date: print.date(document.exchangeRateDate),
          source: document.exchangeRateSource ?? '',
        })
      : null

  return {
    lang: locale,
    title: t(`title.${document.kind}`),
    number: document.number ?? t('draft'),
    labels: Object.fromEntries(
      [
        'billTo',
        'reference',
        'description',
        'quantity',
        'unitPrice',
        'discount',
        'taxGroup',
        'amount',
        'taxSummary',
        'taxRate',
        'taxBase',
        'taxAmount',
        'amountInWords',
        'page',
      ].map((key) => [key, t(`labels.${key}`)])
    ),
    dates,
    seller: {
      name: seller.name,
      legalName: seller.legalName ?? null,
      address: addressOf(seller, locale),
      phone: seller.phone,
      email: seller.email,
      logo: null as string | null,
    },
    customer: {
      name: customer.name,
      address: addressOf(customer, locale),
      identifiers: identifiers(customer),
    },
    reference: credited ? t('creditFor', { number: credited.number }) : null,
    lines: lines.map((line) => ({
      description: line.description,
      quantity: print.quantity(line.quantity),
      unit: line.unit,
      unitPrice: print.decimal(decimalText(line.unitPrice)),
      discount: line.discountPercent
        ? print.percent(line.discountPercent)
        : BigInt(line.discountMinor) > 0n
          ? print.amount(line.discountMinor)
          : null,
      taxGroup: line.taxGroup,
      amount: print.amount(line.netMinor),
    })),
    taxes: document.taxTotals.map((total) => ({
      group: total.taxGroup,
      label: groupLabel.get(total.taxGroup) ?? print.percent(total.taxRate),
      base: print.decimal(total.base),
      amount: print.decimal(total.tax),
    })),
    totals: [
      { label: t('totals.subtotal'), value: print.money(document.subtotalMinor) },
      { label: t('totals.tax'), value: print.money(document.taxMinor) },
      { label: t(`totals.total`), value: print.money(document.totalMinor), strong: true },
    ],
    equivalent,
    sections: [
      ...(document.kind === 'invoice'
        ? [{ title: t('terms'), text: t('termsDays', { days: document.paymentTermsDays }) }]
        : []),
      ...(document.notes ? [{ title: t('notes'), text: document.notes }] : []),
    ],
    footer: [
      seller.legalName ?? seller.name,
      ...identifiers(seller).map((entry) => `${entry.label} ${entry.value}`),
    ].join(' — '),
  }
}

/** The document as a PDF in `locale`: the same document in the same state gives the same bytes. */
export async function renderDocumentPdf(
  view: { document: Document; lines: DocumentLine[] },
  locale: DocumentLocale,
  client?: QueryClientContract
) {
  const profile = (await organizations.find(view.document.organizationId, client))!
  const data = await documentPrint(view, locale, profile, client)
  const { document } = view
  const marks = document.number
    ? await documentHooks.printMarks(
        {
          organizationId: document.organizationId,
          documentId: document.id,
          kind: document.kind,
          issuedAt: document.issuedAt?.toJSDate() ?? null,
        },
        locale,
        client
      )
    : null
  const logo = profile.logoPath ? await files.get(profile.id, profile.logoPath) : null
  // The template reads the image's format from its name: the logo keeps the extension it was stored with.
  const logoFile = logo ? `/images/logo${extname(profile.logoPath!)}` : null
  const printed = {
    ...data,
    seller: { ...data.seller, logo: logoFile },
    ...(marks && {
      fiscal: { title: marks.title, qr: Boolean(marks.qrPng), lines: marks.lines },
      amountInWords: marks.amountInWords,
      equivalent: data.equivalent ?? marks.equivalent,
    }),
  }
  return documents.pdf({
    template: TEMPLATE,
    data: printed,
    files: {
      ...(logo ? { [logoFile!]: logo } : {}),
      ...(marks?.qrPng ? { '/images/qr.png': marks.qrPng } : {}),
    },
    createdAt: (view.document.issuedAt ?? view.document.createdAt).toJSDate(),
  })
}

/** The file name a document is downloaded or attached under, e.g. `Facture FA-2026-0001.pdf`. */
export function documentFileName(document: Document, locale: DocumentLocale) {
  const title = i18nManager.locale(locale).t(`invoicing.pdf.title.${document.kind}`)
  return `${title} ${document.number ?? i18nManager.locale(locale).t('invoicing.pdf.draft')}.pdf`
}
