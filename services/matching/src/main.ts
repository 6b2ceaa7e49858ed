// The matching process (cluster mode): consumes task messages from Kafka into task queues (sync match
// to waiting polls, otherwise the Postgres backlog), serves polls, queries and task queue descriptions
// to the api over internal rpc, and starts tasks through the history processes that own them.
//   DATABASE_URL=... KAIROS_BUS=kafka KAIROS_MATCHING_PORT=7302 npm run start -w @kairos/matching
import { createBus } from '@kairos/bus';
import { loadConfigOrExit } from '@kairos/config';
import { applyMigrations, createDatabasePool } from '@kairos/db';
import { RemoteHistoryClient } from '@kairos/history';
import { serveInternalRpc } from '@kairos/internal-rpc';
import { startProcessTelemetry } from '@kairos/process';
import { matchingRpcHandlers } from './matching-rpc-handlers.ts';
import { startMatchingService } from './matching-service.ts';

const config = loadConfigOrExit(
  [
    'DATABASE_URL',
    'KAIROS_BUS',
    'KAFKA_BROKERS',
    'KAFKA_CLIENT_ID',
    'KAFKA_NAME_PREFIX',
    'KAIROS_HISTORY_SHARDS',
    'KAIROS_MATCHING_PORT',
    'KAIROS_GRPC_HOST',
    'KAIROS_LOG_LEVEL',
    'KAIROS_METRICS_PORT',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ],
  { required: ['DATABASE_URL'], why: 'for the matching process (cluster mode)' },
);
const databaseUrl = config.DATABASE_URL;
const { telemetry, lifecycle } = await startProcessTelemetry('kairos-matching', config);
const { logger } = telemetry;

await lifecycle.startOrExit(async () => {
  await applyMigrations(databaseUrl);
  const pool = await lifecycle.start(
    'database pool',
    async () => createDatabasePool(databaseUrl, { max: 20, logger }),
    (part) => part.end(),
  );
  const bus = await lifecycle.start(
    'bus',
    async () =>
      createBus({
        kind: config.KAIROS_BUS,
        brokers: config.KAFKA_BROKERS,
        clientId: config.KAFKA_CLIENT_ID,
        role: 'matching',
        namePrefix: config.KAFKA_NAME_PREFIX,
        logger,
      }),
    (part) => part.close(),
  );
  const history = await lifecycle.start(
    'history client',
    async () => new RemoteHistoryClient({ pool, shardCount: config.KAIROS_HISTORY_SHARDS }),
    async (part) => part.close(),
  );
  const matching = await lifecycle.start(
    'matching',
    () => startMatchingService({ pool, bus, history, logger }),
    (part) => part.stop(),
  );
  const server = await lifecycle.start(
    'internal rpc',
    () =>
      serveInternalRpc({
        host: config.KAIROS_GRPC_HOST,
        port: config.KAIROS_MATCHING_PORT,
        handlers: matchingRpcHandlers(matching.engine),
        logger,
      }),
    (part) => part.close(),
  );
  logger.info({ internalRpc: server.url }, 'matching ready');
});
lifecycle.stopOnSignals();
