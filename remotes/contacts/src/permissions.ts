/**
 * Permissions of the contacts module. Archiving is reversible, so it counts as an update; importing
 * creates contacts; exporting reads them.
 */
export const CONTACT_PERMISSIONS = {
  read: 'contacts.contact.read',
  create: 'contacts.contact.create',
  update: 'contacts.contact.update',
} as const
