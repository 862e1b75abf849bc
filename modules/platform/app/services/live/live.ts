import transmit from '@adonisjs/transmit/services/main'
import { LiveChannels } from './live_channels.ts'

/** The platform's live channels (server-sent events through transmit). */
export const live = new LiveChannels(() => transmit)
