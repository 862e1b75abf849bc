import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { findAccountOrFail } from './find_account.ts'

/** Grants (or with --revoke withdraws) platform administration: the only way to make a platform administrator. */
export default class UsersPlatformAdmin extends BaseCommand {
  static commandName = 'users:platform-admin'
  static description =
    'Make an account a platform administrator (marketplace approvals and reviews), or --revoke it'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email address of the account' })
  declare email: string

  @flags.boolean({ description: 'Withdraw platform administration instead of granting it' })
  declare revoke: boolean

  async run() {
    const { user } = await findAccountOrFail(this, this.email)
    if (!user) return
    const wanted = !this.revoke
    if (user.isPlatformAdmin === wanted) {
      this.logger.info(`${user.email} ${wanted ? 'is already' : 'is not'} a platform administrator`)
      return
    }
    user.isPlatformAdmin = wanted
    await user.save()
    this.logger.success(
      `${user.email} ${wanted ? 'is now' : 'is no longer'} a platform administrator`
    )
  }
}
