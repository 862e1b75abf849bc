import encryption from '@adonisjs/core/services/encryption'
import User from '../models/user.ts'
import { jobs } from '../../contracts/jobs.ts'
import { userTokens } from './user_tokens.ts'
import { platformMailer } from './platform_mailer.ts'

/**
 * The job that answers a password-reset request. The request only queues it, the same single write
 * whether or not the address has an account, so neither its answer nor its time tells an outsider.
 */
export const PASSWORD_RESET_JOB = 'platform.password_reset_request'

/** What encrypts the address in the job row: who asked is nobody's business but the mailbox's. */
const PURPOSE = PASSWORD_RESET_JOB

type PasswordResetPayload = { email: string }

/** Queues the password-reset request of `email`. */
export async function queuePasswordReset(email: string) {
  await jobs.dispatch<PasswordResetPayload>(PASSWORD_RESET_JOB, {
    email: encryption.encrypt(email.trim().toLowerCase(), undefined, PURPOSE),
  })
}

/** Registers the job: it mails a reset link to the account of the address, if there is one and it is not disabled. */
export function registerPasswordResetJob() {
  jobs.register<PasswordResetPayload>(PASSWORD_RESET_JOB, async (payload, context) => {
    const email = encryption.decrypt<string>(payload.email, PURPOSE)
    if (email === null)
      throw new Error('Password reset request: its address cannot be decrypted with this APP_KEY')
    const user = await User.findByEmail(email, context.client)
    if (!user || user.disabledAt) return
    const token = await userTokens.issue(user.id, 'reset_password', context.client)
    await platformMailer.sendPasswordReset(user, token, context.client)
  })
}
