import type { BaseCommand } from '@adonisjs/core/ace'

/** The account with this email, or null once the operator is told there is none (the command then fails). */
export async function findAccountOrFail(command: BaseCommand, email: string) {
  // Loaded on use: the models need the started application.
  const { default: User } = await import('../app/models/user.ts')
  const { userAccounts } = await import('../app/services/user_accounts.ts')
  const user = await User.findByEmail(email)
  if (!user) {
    command.logger.error(`No account with the email address "${email}"`)
    command.exitCode = 1
  }
  return { user, userAccounts }
}
