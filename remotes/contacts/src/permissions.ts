/** Permissions of the contacts module, as its module.json declares them. */
export const CONTACT_PERMISSIONS = {
  read: 'contacts.contact.read',
  create: 'contacts.contact.create',
  update: 'contacts.contact.update',
  archive: 'contacts.contact.archive',
  import: 'contacts.contact.import',
  export: 'contacts.contact.export',
} as const
