import env from '#start/env'
import { defineSearchConfig } from '@ia/platform/config'

/** Global search: Elasticsearch when ELASTICSEARCH_URL is set, PostgreSQL full-text search otherwise; checked at boot. */
const searchConfig = defineSearchConfig({
  elasticsearch: env.get('ELASTICSEARCH_URL')
    ? {
        url: env.get('ELASTICSEARCH_URL')!,
        indexPrefix: env.get('ELASTICSEARCH_INDEX_PREFIX', 'ia'),
      }
    : null,
})

export default searchConfig
