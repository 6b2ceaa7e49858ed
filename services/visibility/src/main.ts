// The visibility indexer process (cluster mode): consumes `kairos.visibility` from Kafka as consumer
// group `visibility-indexer` and keeps the visibility store (OpenSearch, or Postgres with
// KAIROS_VISIBILITY_STORE=sql) up to date. Custom search attribute types come from the registry in
// Postgres, so DATABASE_URL is needed either way. Run several for throughput: the group splits the
// topic's partitions between them.
//   DATABASE_URL=... KAIROS_BUS=kafka KAIROS_VISIBILITY_STORE=opensearch npm start -w @kairos/visibility
import { Unavailable } from '@kairos/errors';
import { createBus } from '@kairos/bus';
import { loadConfigOrExit } from '@kairos/config';
import { applyMigrations, createDatabasePool } from '@kairos/db';
import { startProcessTelemetry } from '@kairos/process';
import type { Logger } from '@kairos/telemetry';
import { startVisibilityIndexer, VISIBILITY_INDEXER_GROUP } from './indexer/start-visibility-indexer.ts';
import { OpenSearchVisibilityStore } from './store/opensearch-visibility-store.ts';
import { PostgresVisibilityStore } from './store/postgres-visibility-store.ts';
import { SearchAttributeRegistry } from './store/search-attribute-registry.ts';

const config = loadConfigOrExit(
  [
    'DATABASE_URL',
    'KAIROS_BUS',
    'KAFKA_BROKERS',
    'KAFKA_CLIENT_ID',
    'KAFKA_NAME_PREFIX',
    'KAIROS_VISIBILITY_STORE',
    'OPENSEARCH_URL',
    'KAIROS_GRPC_HOST',
    'KAIROS_LOG_LEVEL',
    'KAIROS_METRICS_PORT',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ],
  { required: ['DATABASE_URL'], why: 'for the visibility indexer process (cluster mode)' },
);
const databaseUrl = config.DATABASE_URL;
const { telemetry, lifecycle } = await startProcessTelemetry('kairos-visibility', config);
const { logger } = telemetry;

/** How long start-up waits for OpenSearch (it may be starting beside us); after that, exit. */
const OPENSEARCH_START_TIMEOUT_MS = 60_000;

await lifecycle.startOrExit(async () => {
  await applyMigrations(databaseUrl);
  const pool = await lifecycle.start(
    'database pool',
    async () => createDatabasePool(databaseUrl, { max: 5, logger }),
    (part) => part.end(),
  );
  const registry = new SearchAttributeRegistry(pool);
  const store = await lifecycle.start(
    `visibility store (${config.KAIROS_VISIBILITY_STORE})`,
    async () =>
      config.KAIROS_VISIBILITY_STORE === 'opensearch'
        ? startOpenSearchStore(config.OPENSEARCH_URL, registry, logger)
        : new PostgresVisibilityStore({ pool, customAttributes: registry }),
    (part) => part.close(),
  );
  const bus = await lifecycle.start(
    'bus',
    async () =>
      createBus({
        kind: config.KAIROS_BUS,
        brokers: config.KAFKA_BROKERS,
        clientId: config.KAFKA_CLIENT_ID,
        role: 'visibility',
        namePrefix: config.KAFKA_NAME_PREFIX,
        logger,
      }),
    (part) => part.close(),
  );
  await lifecycle.start(
    'visibility indexer',
    () => startVisibilityIndexer({ bus, store, customAttributes: registry, logger, meter: telemetry.meter }),
    (part) => part.stop(),
  );
  logger.info(
    { store: config.KAIROS_VISIBILITY_STORE, group: VISIBILITY_INDEXER_GROUP, metrics: telemetry.metricsUrl },
    'visibility ready',
  );
});
lifecycle.stopOnSignals();

async function startOpenSearchStore(
  url: string,
  registry: SearchAttributeRegistry,
  log: Logger,
): Promise<OpenSearchVisibilityStore> {
  const deadline = Date.now() + OPENSEARCH_START_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await OpenSearchVisibilityStore.start({ url, customAttributes: registry });
    } catch (error) {
      if (!(error instanceof Unavailable) || Date.now() > deadline) throw error;
      log.warn({ err: error, attempt }, 'OpenSearch not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
    }
  }
}
