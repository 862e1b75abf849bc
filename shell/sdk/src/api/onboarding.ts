import { http } from '../config'
import type { Id, Invitation } from '../types'
import type { Schemas } from '../wire'
import { orgPath } from './organizations'

/** The first-day checklist, computed by the server from what really happened. */
export type OnboardingChecklist = Schemas['OnboardingChecklist']

/** One step of a new organisation's first day. */
export type OnboardingStepId = OnboardingChecklist['steps'][number]['id']

/** The organisation's first-day checklist (admins). */
export function getOnboarding(orgId: Id): Promise<{ onboarding: OnboardingChecklist }> {
  return http.get(orgPath(orgId, '/onboarding'))
}

/** Puts the finished checklist away for the whole organisation (admins); 409 while a step is left. */
export function dismissOnboarding(orgId: Id): Promise<{ onboarding: OnboardingChecklist }> {
  return http.post(orgPath(orgId, '/onboarding/dismiss'))
}

/** Queues the loading of the enabled modules' sample data (admins); resolves to the job to follow. */
export function loadSampleData(orgId: Id): Promise<{ jobId: string }> {
  return http.post(orgPath(orgId, '/onboarding/sample-data'))
}

/** Queues the removal of the sample data, and nothing else (admins); resolves to the job to follow. */
export function removeSampleData(orgId: Id): Promise<{ jobId: string }> {
  return http.delete(orgPath(orgId, '/onboarding/sample-data'))
}

/** Sends a pending invitation again with a new link (admins); 429 when sent less than 5 minutes ago. */
export function resendInvitation(orgId: Id, invitationId: Id): Promise<{ invitation: Invitation }> {
  return http.post(
    orgPath(orgId, `/invitations/${encodeURIComponent(String(invitationId))}/resend`)
  )
}

/** Sends the signed-in user a new email-confirmation link (at most 3 per 15 minutes). */
export function resendEmailVerification(): Promise<void> {
  return http.post('/api/v1/auth/verify-email/resend')
}

/** Whether a password-reset link can still be used (400 `E_INVALID_TOKEN` when used, expired or unknown). */
export function checkResetToken(token: string): Promise<void> {
  return http.post('/api/v1/auth/reset-password/check', { token })
}
