import { createDatabasePool } from '@kairos/db';
import type { Logger } from '@kairos/telemetry';
import {
  OpenSearchVisibilityStore,
  PostgresVisibilityStore,
  SearchAttributeRegistry,
  type VisibilityStore,
} from '@kairos/visibility';
import { CachedSearchAttributes } from './cached-search-attributes.ts';
import type { VisibilitySettings } from './visibility-settings.ts';

/** What gRPC handlers and console procedures read visibility through. */
export interface VisibilityDependencies {
  store: VisibilityStore;
  /** Each namespace's custom search attributes through a short cache (start-time validation). */
  searchAttributes: Pick<CachedSearchAttributes, 'covering'>;
}

/** The api process's visibility: the dependencies, and the connections behind them. */
export interface ApiVisibility extends VisibilityDependencies {
  close(): Promise<void>;
}

/** Connections for list/count queries (SQL store) and registry reads; the indexer writes elsewhere. */
const POOL_SIZE = 4;

/**
 * The visibility store the settings name: Postgres (the engine's database, `visibility_records`) or
 * OpenSearch (the shared index the cluster's indexer writes). Lists read the namespace's registry
 * fresh on every call, so a filter may use an attribute the moment it is registered.
 */
export async function startApiVisibility(options: {
  databaseUrl: string;
  settings: VisibilitySettings;
  logger: Logger;
}): Promise<ApiVisibility> {
  const pool = createDatabasePool(options.databaseUrl, { max: POOL_SIZE, logger: options.logger });
  const registry = new SearchAttributeRegistry(pool);
  try {
    const store =
      options.settings.store === 'opensearch'
        ? await OpenSearchVisibilityStore.start({
            url: options.settings.opensearchUrl,
            customAttributes: registry,
          })
        : new PostgresVisibilityStore({ pool, customAttributes: registry });
    options.logger.info({ store: options.settings.store }, 'visibility store ready');
    return {
      store,
      searchAttributes: new CachedSearchAttributes(registry),
      async close() {
        await store.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
