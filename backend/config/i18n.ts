import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { moduleCatalog } from '@ia/kernel/catalog'

/** French first; every module brings its own fr/en files under resources/lang. */
const i18nConfig = defineConfig({
  defaultLocale: 'fr',
  supportedLocales: ['fr', 'en'],
  formatter: formatters.icu(),
  loaders: moduleCatalog.languagePaths().map((location) => loaders.fs({ location })),
})

export default i18nConfig
