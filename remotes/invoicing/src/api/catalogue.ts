import { useApi, type Schemas, type WireBody, type WireOperation } from '@ia/sdk'

/** A product or service of the catalogue. */
export type Product = Schemas['InvoicingProduct']
/** A DGI tax group with its dated rates. */
export type TaxGroup = Schemas['InvoicingTaxGroup']
/** A numbering series. */
export type Series = Schemas['InvoicingSeries']
/** The organisation's invoicing defaults. */
export type InvoicingSettings = Schemas['InvoicingSettings']
/** A product as the form sends it. */
export type ProductInput = WireBody<WireOperation<'post', '/invoicing/products'>>
type TaxRateBody = WireBody<WireOperation<'post', '/invoicing/tax-groups/{code}/rates'>>
/** A new rate of a tax group (the generated type reads the nullable end date as null only). */
export type TaxRateInput = Omit<TaxRateBody, 'validTo'> & { validTo?: string | null }

/** The catalogue, active entries by default, filtered by code or name. */
export async function listProducts(
  params: { q?: string; archived?: 'false' | 'true' | 'all' } = {},
  signal?: AbortSignal
): Promise<Product[]> {
  return (
    await useApi().get('/invoicing/products', {
      query: { q: params.q || undefined, archived: params.archived },
      signal,
    })
  ).data
}

export async function createProduct(input: ProductInput): Promise<Product> {
  return (await useApi().post('/invoicing/products', { body: input })).product
}

export async function updateProduct(id: string, input: Partial<ProductInput>): Promise<Product> {
  return (
    await useApi().patch('/invoicing/products/{productId}', {
      path: { productId: id },
      body: input,
    })
  ).product
}

/** Archives (`archived` true) or brings back a product. */
export async function setProductArchived(id: string, archived: boolean): Promise<Product> {
  const path = archived
    ? ('/invoicing/products/{productId}/archive' as const)
    : ('/invoicing/products/{productId}/unarchive' as const)
  return (await useApi().post(path, { path: { productId: id } })).product
}

/** The DGI tax groups with their rates by date and the rate valid today. */
export async function listTaxGroups(): Promise<TaxGroup[]> {
  return (await useApi().get('/invoicing/tax-groups')).data
}

/** Adds a rate to a group from a date (or for a set period); answers every group. */
export async function addTaxRate(code: string, input: TaxRateInput): Promise<TaxGroup[]> {
  return (
    await useApi().post('/invoicing/tax-groups/{code}/rates', {
      path: { code },
      body: input as TaxRateBody,
    })
  ).data
}

export async function listSeries(): Promise<Series[]> {
  return (await useApi().get('/invoicing/series')).data
}

/** Changes a series' format; answers every series. */
export async function updateSeries(kind: Series['kind'], format: string): Promise<Series[]> {
  return (
    await useApi().put('/invoicing/series/{kind}', {
      path: { kind },
      body: { format },
    })
  ).data
}

export async function getInvoicingSettings(): Promise<InvoicingSettings> {
  return (await useApi().get('/invoicing/settings')).settings
}

export async function updateInvoicingSettings(
  settings: InvoicingSettings
): Promise<InvoicingSettings> {
  return (await useApi().put('/invoicing/settings', { body: settings })).settings
}
