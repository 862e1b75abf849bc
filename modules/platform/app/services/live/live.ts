/*
 * The platform's live channels (server-sent events through transmit), bound in the container as
 * `platform.live` by the platform provider and resolved here once the application has booted, the way
 * `@adonisjs/core/services/*` resolve theirs: a test swaps it with `app.container.swap()` before boot.
 */
import app from '@adonisjs/core/services/app'
import type { LiveChannels } from './live_channels.ts'

let live!: LiveChannels

await app.booted(async () => {
  live = await app.container.make('platform.live')
})

export { live }
