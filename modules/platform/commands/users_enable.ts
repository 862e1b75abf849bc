import { args, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { findAccountOrFail } from './find_account.ts'

/** Lets a disabled account sign in again. */
export default class UsersEnable extends BaseCommand {
  static commandName = 'users:enable'
  static description = 'Enable a disabled user account'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email address of the account' })
  declare email: string

  async run() {
    const { user, userAccounts } = await findAccountOrFail(this, this.email)
    if (!user) return
    if (await userAccounts.enable(user)) this.logger.success(`${user.email} may sign in again`)
    else this.logger.info(`${user.email} was not disabled`)
  }
}
