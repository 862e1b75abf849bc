import { defineRemoteModule } from '@ia/sdk'
import en from './locales/en.json'
import fr from './locales/fr.json'
import { routes } from './routes'

/** The contacts module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'contacts', routes, messages: { fr, en } })
