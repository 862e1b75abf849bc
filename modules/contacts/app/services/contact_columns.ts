/** The contact fields a CSV file may carry, in the order exports write them. */
export const CSV_FIELDS = [
  'name',
  'kind',
  'isCustomer',
  'isSupplier',
  'email',
  'phone',
  'address',
  'city',
  'country',
  'rccm',
  'idNat',
  'nif',
  'preferredCurrency',
  'preferredLocale',
  'tags',
  'notes',
] as const

/** A contact field a CSV column can fill. */
export type CsvField = (typeof CSV_FIELDS)[number]

/**
 * A column an import reads: a contact field, or when the contact was archived (exports write it after
 * the fields, so that re-importing an export keeps archived contacts archived).
 */
export type ImportField = CsvField | 'archivedAt'

/** Every field an import can fill, in the order exports write them. */
export const IMPORT_FIELDS: readonly ImportField[] = [...CSV_FIELDS, 'archivedAt']

/** Which column of the file (0 for the first) fills each field; a field left out is not imported. */
export type ImportMapping = Partial<Record<ImportField, number>>

/** Header names accepted for each field, in French and English, compared after `headerKey`. */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  name: [
    'nom',
    'name',
    'raisonsociale',
    'nomouraisonsociale',
    'nomcomplet',
    'fullname',
    'company',
    'societe',
  ],
  kind: ['type', 'kind', 'nature', 'genre'],
  isCustomer: ['client', 'customer', 'iscustomer', 'estclient'],
  isSupplier: ['fournisseur', 'supplier', 'issupplier', 'estfournisseur', 'vendor'],
  email: ['email', 'mail', 'courriel', 'adresseemail', 'emailaddress', 'adressemail'],
  phone: [
    'telephone',
    'phone',
    'tel',
    'mobile',
    'portable',
    'phonenumber',
    'numerodetelephone',
    'gsm',
  ],
  address: ['adresse', 'address', 'rue', 'street'],
  city: ['ville', 'city', 'localite', 'town'],
  country: ['pays', 'country', 'codepays', 'countrycode'],
  rccm: ['rccm', 'registredecommerce', 'traderegister'],
  idNat: ['idnat', 'identificationnationale', 'nationalid'],
  nif: ['nif', 'numeroimpot', 'numerofiscal', 'taxid', 'taxnumber'],
  preferredCurrency: ['devise', 'currency', 'monnaie', 'devisepreferee', 'preferredcurrency'],
  preferredLocale: [
    'langue',
    'language',
    'locale',
    'languepreferee',
    'preferredlanguage',
    'preferredlocale',
  ],
  tags: ['etiquettes', 'etiquette', 'tags', 'tag', 'motscles'],
  notes: ['notes', 'note', 'remarques', 'commentaire', 'commentaires', 'comments'],
  archivedAt: [
    'archivele',
    'archivee',
    'archive',
    'datedarchivage',
    'archivedat',
    'archivedon',
    'archived',
    'archivedate',
  ],
}

const FIELD_BY_HEADER = new Map(
  Object.entries(HEADER_ALIASES).flatMap(([field, aliases]) =>
    aliases.map((alias) => [alias, field as ImportField])
  )
)

/** A header cell reduced to lower-case ASCII letters and digits: "Téléphone", "TELEPHONE" and "télé-phone" match. */
export function headerKey(header: string) {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/** The field a CSV header names, or undefined. */
export function fieldForHeader(header: string): ImportField | undefined {
  return FIELD_BY_HEADER.get(headerKey(header))
}
