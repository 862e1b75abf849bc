import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { findAccountOrFail } from './find_account.ts'

/** Disables an account: no sign-in, session or token of it works any more, and open sessions end at once. */
export default class UsersDisable extends BaseCommand {
  static commandName = 'users:disable'
  static description = 'Disable a user account and end its sessions at once'
  static help = [
    'The account keeps its data and memberships; each of its organisations records it in the audit log.',
    'Undo with users:enable.',
  ]
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email address of the account' })
  declare email: string

  @flags.string({ description: 'Why, recorded in the audit log', required: false })
  declare reason?: string

  async run() {
    const { user, userAccounts } = await findAccountOrFail(this, this.email)
    if (!user) return
    if (await userAccounts.disable(user, this.reason ?? ''))
      this.logger.success(`${user.email} is disabled; their sessions are ended`)
    else this.logger.info(`${user.email} was already disabled`)
  }
}
