import { loadConfig } from '@kairos/config';

/** Which visibility store the api reads (KAIROS_VISIBILITY_STORE, OPENSEARCH_URL). */
export interface VisibilitySettings {
  store: 'sql' | 'opensearch';
  /** Used when `store` is `opensearch`. */
  opensearchUrl: string;
}

/**
 * The settings from the environment. Embedded mode always uses the SQL store on its own Postgres:
 * there is no OpenSearch beside `npm start`, and the in-process indexer writes there.
 */
export function visibilitySettingsFromEnvironment(mode: 'embedded' | 'cluster'): VisibilitySettings {
  const config = loadConfig(['KAIROS_VISIBILITY_STORE', 'OPENSEARCH_URL']);
  return {
    store: mode === 'embedded' ? 'sql' : config.KAIROS_VISIBILITY_STORE,
    opensearchUrl: config.OPENSEARCH_URL,
  };
}
