/*
 * The API reference of a new user's first day: the organisation's checklist, sending an invitation
 * again, and checking a password-reset link before showing its form.
 */
import { checkResetTokenValidator } from '../app/validators/auth.ts'
import { serializeOnboardingChecklist } from '../app/transformers/onboarding_transformer.ts'
import { INVITATION_RESEND_MINUTES } from '../app/services/invitations.ts'
import { describeRoute, schemaRef, wrapped } from '../app/openapi/registry.ts'

const adminOnly = 'The caller is a member without the admin role: `E_FORBIDDEN`.'
const orgId = 'The organisation id (uuid).'

describeRoute('GET /api/v1/orgs/:orgId/onboarding', {
  operationId: 'getOnboardingChecklist',
  summary: "The organisation's first-day checklist",
  description: 'One query; the steps tick themselves as things happen.',
  tags: ['Organisations'],
  permission: 'platform.organization.update',
  params: { orgId },
  responses: {
    200: {
      description: 'The checklist.',
      schema: wrapped('onboarding', serializeOnboardingChecklist.ref),
    },
    403: adminOnly,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/onboarding/dismiss', {
  operationId: 'dismissOnboardingChecklist',
  summary: 'Put the finished checklist away, for the whole organisation',
  tags: ['Organisations'],
  permission: 'platform.organization.update',
  params: { orgId },
  responses: {
    200: {
      description: 'The checklist, dismissed.',
      schema: wrapped('onboarding', serializeOnboardingChecklist.ref),
    },
    403: adminOnly,
    409: 'A step is not done yet: `E_ONBOARDING_NOT_DONE`.',
  },
})
const jobQueued = {
  type: 'object',
  properties: { jobId: { type: 'string', format: 'uuid' } },
  required: ['jobId'],
}
describeRoute('POST /api/v1/orgs/:orgId/onboarding/sample-data', {
  operationId: 'loadSampleData',
  summary: "Load the enabled modules' sample data",
  description:
    "Queues a job that adds each enabled module's demo records, marked as sample data; follow its progress on the live jobs channel. Audited.",
  tags: ['Organisations'],
  permission: 'platform.organization.update',
  params: { orgId },
  responses: {
    202: { description: 'The job, queued.', schema: jobQueued },
    403: adminOnly,
    409: 'Loaded already (`E_SAMPLE_DATA_LOADED`), or no enabled module has sample data (`E_SAMPLE_DATA_UNAVAILABLE`).',
  },
})
describeRoute('DELETE /api/v1/orgs/:orgId/onboarding/sample-data', {
  operationId: 'removeSampleData',
  summary: 'Remove the sample data, and nothing else',
  description:
    "Queues a job that deletes the records marked as sample data; the organisation's own records stay. Audited.",
  tags: ['Organisations'],
  permission: 'platform.organization.update',
  params: { orgId },
  responses: {
    202: { description: 'The job, queued.', schema: jobQueued },
    403: adminOnly,
    409: 'No sample data is loaded: `E_SAMPLE_DATA_NONE`.',
  },
})
describeRoute('POST /api/v1/orgs/:orgId/invitations/:invitationId/resend', {
  operationId: 'resendInvitation',
  summary: 'Send a pending invitation again',
  description: `Emails a new link (the previous one stops working), valid 7 days from now; audited. At most once every ${INVITATION_RESEND_MINUTES} minutes per invitation.`,
  tags: ['Invitations'],
  permission: 'platform.member.manage',
  params: { orgId, invitationId: 'The invitation id (uuid).' },
  responses: {
    200: { description: 'Sent again.', schema: wrapped('invitation', schemaRef('Invitation')) },
    403: adminOnly,
    404: 'Unknown, accepted, or of another organisation: `E_NOT_FOUND`.',
    429: 'Sent too recently: `E_INVITATION_RESEND_TOO_SOON` (see `Retry-After`).',
  },
})
describeRoute('POST /api/v1/auth/reset-password/check', {
  operationId: 'checkResetPasswordToken',
  summary: 'Whether a password-reset link can still be used',
  description:
    'Lets the page offer a new link instead of a form that would fail. Does not use the token.',
  tags: ['Auth'],
  request: checkResetTokenValidator,
  requestExample: { token: 'token-from-the-email' },
  responses: { 204: 'Usable.', 400: 'Unknown, used or expired token: `E_INVALID_TOKEN`.' },
})
