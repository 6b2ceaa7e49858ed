// A history process (cluster mode): owns a share of the history shards through leases, serves the
// engine to the api and matching over internal rpc, relays its outbox to Kafka and fires its timers.
// Start several; they split the shards and take over each other's when one stops or dies.
//   DATABASE_URL=... KAIROS_BUS=kafka KAIROS_HISTORY_PORT=7301 npm run start -w @kairos/history
import { hostname } from 'node:os';
import { createBus } from '@kairos/bus';
import { loadConfigOrExit } from '@kairos/config';
import { applyMigrations, createDatabasePool } from '@kairos/db';
import { serveInternalRpc, type InternalRpcHandler } from '@kairos/internal-rpc';
import { startProcessTelemetry } from '@kairos/process';
import { historyRpcHandlers } from './history-rpc-handlers.ts';
import { RemoteHistoryClient } from './remote-history-client.ts';
import { createHistoryService } from './history-service.ts';
import { ShardLeases } from './shards/shard-leases.ts';

const config = loadConfigOrExit(
  [
    'DATABASE_URL',
    'KAIROS_BUS',
    'KAFKA_BROKERS',
    'KAFKA_CLIENT_ID',
    'KAFKA_NAME_PREFIX',
    'KAIROS_HISTORY_SHARDS',
    'KAIROS_HISTORY_PORT',
    'KAIROS_GRPC_HOST',
    'KAIROS_LOG_LEVEL',
    'KAIROS_METRICS_PORT',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ],
  { required: ['DATABASE_URL'], why: 'for a history process (cluster mode)' },
);
const databaseUrl = config.DATABASE_URL;
const { telemetry, lifecycle } = await startProcessTelemetry('kairos-history', config);
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
        role: 'history',
        namePrefix: config.KAFKA_NAME_PREFIX,
        logger,
      }),
    (part) => part.close(),
  );
  // The server's address goes into the lease rows, so it listens first; the engine's handlers are
  // filled in once the engine exists (nobody can route here before this process holds a lease).
  const handlers: Record<string, InternalRpcHandler> = {};
  const server = await lifecycle.start(
    'internal rpc',
    () =>
      serveInternalRpc({ host: config.KAIROS_GRPC_HOST, port: config.KAIROS_HISTORY_PORT, handlers, logger }),
    (part) => part.close(),
  );
  const leases = new ShardLeases({
    pool,
    shardCount: config.KAIROS_HISTORY_SHARDS,
    owner: `history@${hostname()}:${process.pid}`,
    ownerAddress: server.url,
    logger,
  });
  // Transfer tasks (children, signals between workflows) are done by the owner of their target's shard.
  const transferRouter = await lifecycle.start(
    'history router',
    async () => new RemoteHistoryClient({ pool, shardCount: config.KAIROS_HISTORY_SHARDS }),
    async (part) => part.close(),
  );
  const history = createHistoryService({
    pool,
    bus,
    ownership: leases,
    shardCount: config.KAIROS_HISTORY_SHARDS,
    logger,
    transferRouter,
  });
  Object.assign(handlers, historyRpcHandlers(history.engine));
  await lifecycle.start(
    'shard leases',
    async () => {
      await leases.start();
      return leases;
    },
    (part) => part.stop(),
  );
  await lifecycle.start(
    'history queues',
    async () => {
      history.start();
      return history;
    },
    (part) => part.stop(),
  );
  logger.info({ internalRpc: server.url, shards: leases.ownedShards().length }, 'history ready');
});
lifecycle.stopOnSignals();
