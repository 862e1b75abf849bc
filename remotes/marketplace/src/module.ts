import { defineRemoteModule } from '@ia/sdk'
import en from './locales/en.json'
import fr from './locales/fr.json'
import { routes } from './routes'

/** The marketplace module as the shell loads it: its routes and its strings in every language. */
export default defineRemoteModule({ id: 'marketplace', routes, messages: { fr, en } })
