import { spawnSync } from 'node:child_process'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { scaffoldModule } from '../app/services/module_scaffold.ts'

/** Writes a working module (backend and remote), links it into the workspace and regenerates the SDK's API types. */
export default class MakeModule extends BaseCommand {
  static commandName = 'make:module'
  static description = 'Create a domain module (modules/<id>) and its remote (remotes/<id>)'
  static help = [
    'Writes a provider, a route with its OpenAPI description and serializer, a migration, fr/en lang files and',
    'a test, and a remote with its route and page; then installs the workspace (pnpm) so the new packages are',
    'linked, and runs openapi:types so the remote calls the new route typed. The module shows in module',
    'administration at the next start.',
  ]
  static options: CommandOptions = { startApp: false }

  @args.string({ description: 'Module id: lower-case letters and digits (e.g. inventory)' })
  declare id: string

  @flags.boolean({
    description: 'Only write the files (no pnpm install, no openapi:types)',
    default: false,
  })
  declare filesOnly: boolean

  async run() {
    const workspace = this.app.makePath('..')
    let written: string[]
    try {
      written = await scaffoldModule(workspace, this.id)
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
      return
    }
    for (const file of written) this.logger.action(`create ${file}`).succeeded()
    if (this.filesOnly) return
    const steps: [string, string[], string][] = [
      // The new packages change the lockfile, which pnpm freezes by default under CI=true.
      ['npx', ['-y', 'pnpm@12.4.2', 'install', '--no-frozen-lockfile'], workspace],
      [process.execPath, ['ace.js', 'openapi:types'], this.app.makePath()],
    ]
    for (const [command, commandArgs, cwd] of steps) {
      // openapi:types boots the application, which reads NODE_ENV's settings (.env.test when nothing else is set).
      const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'test' }
      const result = spawnSync(command, commandArgs, { cwd, stdio: 'inherit', env })
      if (result.status !== 0) {
        this.logger.error(`${[command, ...commandArgs].join(' ')} failed`)
        this.exitCode = 1
        return
      }
    }
    this.logger.success(
      `Module "${this.id}" is ready: node ace test --files "${this.id}/" in backend/`
    )
  }
}
