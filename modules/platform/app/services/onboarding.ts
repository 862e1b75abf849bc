import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { events } from '../../contracts/jobs.ts'
import { DomainError } from '@ia/kernel/contracts'
import { sampleData } from './sample_data.ts'

/** The steps of a new organisation's first day, in the order the home page lists them. */
export const ONBOARDING_STEPS = [
  'confirm_email',
  'legal_details',
  'enable_module',
  'import_contacts',
  'invite_colleague',
] as const

/** One step of the first day. */
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number]

/** The checklist as the home page shows it. */
export type OnboardingChecklist = {
  steps: { id: OnboardingStep; done: boolean }[]
  /** Every step is done. */
  complete: boolean
  /** An admin put the finished checklist away: the home page no longer shows it. */
  dismissed: boolean
  /** The offer of sample data: whether an enabled module has some, and whether it is loaded. */
  sampleData: { available: boolean; loaded: boolean }
}

/** The event Contacts publishes for each contact added, one by one or by an import: the platform only reads its name. */
const CONTACT_CREATED_EVENT = 'contacts.contact.created'

/**
 * Every step read from the state it describes, in one query: the user's confirmed address, the
 * organisation's legal identifiers, its enabled modules, the contacts it was told about, and
 * whether anyone else was ever invited or joined; and whether sample data is loaded.
 */
const CHECKLIST_SQL = `
SELECT
  (SELECT u.email_verified_at IS NOT NULL FROM platform.users u WHERE u.id = :userId) AS confirm_email,
  (COALESCE(btrim(o.legal_name), '') <> '' AND COALESCE(btrim(o.nif), '') <> '' AND COALESCE(btrim(o.rccm), '') <> ''
    AND COALESCE(btrim(o.id_nat), '') <> '' AND COALESCE(btrim(o.address), '') <> '') AS legal_details,
  EXISTS (SELECT 1 FROM platform.organization_modules m WHERE m.organization_id = o.id AND m.enabled) AS enable_module,
  (ob.contacts_added_at IS NOT NULL) AS import_contacts,
  (EXISTS (SELECT 1 FROM platform.invitations i WHERE i.organization_id = o.id)
    OR (SELECT count(*) FROM platform.memberships ms WHERE ms.organization_id = o.id) > 1) AS invite_colleague,
  (ob.dismissed_at IS NOT NULL) AS dismissed,
  (ob.sample_data_at IS NOT NULL) AS sample_data
FROM platform.organizations o
LEFT JOIN platform.organization_onboarding ob ON ob.organization_id = o.id
WHERE o.id = :organizationId`

/** The guided first day: which steps are done, and putting the list away once they all are. */
export const onboarding = {
  /** The checklist of `organizationId` as `userId` sees it (the email step is theirs). */
  async checklist(
    organizationId: string,
    userId: string,
    client: QueryClientContract = db.connection()
  ): Promise<OnboardingChecklist> {
    const { rows } = await client.rawQuery(CHECKLIST_SQL, { organizationId, userId })
    const row = rows[0] as Record<OnboardingStep | 'dismissed' | 'sample_data', boolean>
    const steps = ONBOARDING_STEPS.map((id) => ({ id, done: Boolean(row[id]) }))
    return {
      steps,
      complete: steps.every((step) => step.done),
      dismissed: Boolean(row.dismissed),
      sampleData: {
        available: await sampleData.available(organizationId),
        loaded: Boolean(row.sample_data),
      },
    }
  },

  /** Hides the checklist for the whole organisation; refused (409) while a step is left. */
  async dismiss(organizationId: string, userId: string) {
    return db.transaction(async (trx) => {
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
        `onboarding:${organizationId}`,
      ])
      const current = await this.checklist(organizationId, userId, trx)
      if (!current.complete)
        throw new DomainError('E_ONBOARDING_NOT_DONE', 409, 'platform.errors.E_ONBOARDING_NOT_DONE')
      await trx.rawQuery(
        `INSERT INTO platform.organization_onboarding (organization_id, dismissed_at) VALUES (?, now())
         ON CONFLICT (organization_id) DO UPDATE SET dismissed_at = COALESCE(organization_onboarding.dismissed_at, EXCLUDED.dismissed_at)`,
        [organizationId]
      )
      return { ...current, dismissed: true }
    })
  },
}

/** Listens to Contacts' events, so the "import contacts" step ticks without reading Contacts' tables. */
export function registerOnboardingConsumers() {
  events.subscribe(CONTACT_CREATED_EVENT, 'platform.onboarding', async (_payload, meta) => {
    await meta.client.rawQuery(
      `INSERT INTO platform.organization_onboarding (organization_id, contacts_added_at) VALUES (?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET contacts_added_at = COALESCE(organization_onboarding.contacts_added_at, EXCLUDED.contacts_added_at)`,
      [meta.organizationId, meta.occurredAt]
    )
  })
}
