import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { isUuid } from '@ia/kernel/contracts'

/** Rebuilds the global search index from the modules' records. */
export default class SearchRebuild extends BaseCommand {
  static commandName = 'search:rebuild'
  static description = 'Rebuild the global search index from the records of the modules'
  static help = [
    'Rebuilds every record type, or one with --type, for every organisation or one with --organization.',
    'With Elasticsearch, a full rebuild of a type fills a new index and swaps it in when complete.',
  ]
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Only this record type, e.g. contacts.contact' })
  declare type?: string

  @flags.string({ description: 'Only this organisation (uuid)' })
  declare organization?: string

  async run() {
    // Loaded here: the search service reads the database and configuration of the started app.
    const { search } = await import('../app/services/search/search_service.ts')
    const known = search.types().map((definition) => definition.type)
    if (this.type && !known.includes(this.type)) {
      this.logger.error(
        `Unknown search type "${this.type}". Known types: ${known.join(', ') || 'none'}`
      )
      this.exitCode = 1
      return
    }
    if (this.organization && !isUuid(this.organization)) {
      this.logger.error(`"${this.organization}" is not an organisation id (uuid)`)
      this.exitCode = 1
      return
    }
    const started = Date.now()
    const counts = await search.rebuild({ type: this.type, organizationId: this.organization })
    for (const { type, count } of counts) {
      this.logger.success(`${type}: ${count} document(s) indexed with ${search.engine().name}`)
    }
    this.logger.info(`Done in ${Date.now() - started} ms`)
  }
}
