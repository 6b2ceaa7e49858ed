// The api process on its own (cluster mode): `KAIROS_MODE=cluster npm run start -w @kairos/api`.
// Needs DATABASE_URL (any Postgres 15+; `infra/up` starts one), the history processes (which publish
// their addresses in the shard leases) and the matching process (KAIROS_MATCHING_URL).
import { ConfigError, loadConfigOrExit } from '@kairos/config';
import { applyMigrations, createDatabasePool, createPrismaClient, redactDatabaseUrl } from '@kairos/db';
import { RemoteHistoryClient } from '@kairos/history';
import { RemoteMatchingClient } from '@kairos/matching';
import { startApiProcess } from './api-process.ts';
import { startProcessTelemetry } from '@kairos/process';

const config = loadConfigOrExit(
  [
    'KAIROS_MODE',
    'DATABASE_URL',
    'KAIROS_HISTORY_SHARDS',
    'KAIROS_MATCHING_URL',
    'KAIROS_GRPC_HOST',
    'KAIROS_GRPC_PORT',
    'KAIROS_HTTP_PORT',
    'KAIROS_ANONYMOUS_LOOPBACK',
    'KAIROS_CONSOLE_ORIGIN',
    'KAIROS_COOKIE_SECURE',
    'KAIROS_VISIBILITY_STORE',
    'OPENSEARCH_URL',
    'KAIROS_LOG_LEVEL',
    'KAIROS_METRICS_PORT',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ],
  { required: ['DATABASE_URL'], why: 'for the api process on its own (only npm start embeds a Postgres)' },
);
const databaseUrl = config.DATABASE_URL;
// In cluster mode every SDK call carries an API key: a loopback peer may be a sidecar or a proxy on the
// same host relaying anyone's calls, so keyless access is refused outright rather than risked.
if (config.KAIROS_MODE === 'cluster' && config.KAIROS_ANONYMOUS_LOOPBACK === true) {
  const error = new ConfigError([
    {
      variable: 'KAIROS_ANONYMOUS_LOOPBACK',
      problem: 'must not be true in cluster mode (every gRPC client needs an API key there)',
    },
  ]);
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}
const anonymousLoopback = config.KAIROS_ANONYMOUS_LOOPBACK ?? config.KAIROS_MODE === 'embedded';

const { telemetry, lifecycle } = await startProcessTelemetry('kairos-api', config);
const { logger } = telemetry;

await lifecycle.startOrExit(async () => {
  await applyMigrations(databaseUrl);
  const prisma = await lifecycle.start(
    'database client',
    async () => createPrismaClient(databaseUrl),
    (part) => part.$disconnect(),
  );
  // The engine runs in the history and matching processes; the api reaches them over internal rpc.
  const pool = await lifecycle.start(
    'database pool',
    async () => createDatabasePool(databaseUrl, { max: 10, logger }),
    (part) => part.end(),
  );
  const history = await lifecycle.start(
    'history client',
    async () => new RemoteHistoryClient({ pool, shardCount: config.KAIROS_HISTORY_SHARDS }),
    async (part) => part.close(),
  );
  const matching = await lifecycle.start(
    'matching client',
    async () => new RemoteMatchingClient({ url: config.KAIROS_MATCHING_URL }),
    async (part) => part.close(),
  );
  await lifecycle.start(
    'api',
    () =>
      startApiProcess({
        mode: config.KAIROS_MODE,
        grpc: { host: config.KAIROS_GRPC_HOST, port: config.KAIROS_GRPC_PORT },
        http: { host: config.KAIROS_GRPC_HOST, port: config.KAIROS_HTTP_PORT },
        engine: { history, matching },
        telemetry,
        prisma,
        databaseUrl,
        anonymousLoopback,
        console: {
          origin: new URL(config.KAIROS_CONSOLE_ORIGIN).origin,
          cookieSecure: config.KAIROS_COOKIE_SECURE,
        },
        visibility: { store: config.KAIROS_VISIBILITY_STORE, opensearchUrl: config.OPENSEARCH_URL },
      }),
    (part) => part.stop(),
  );
  logger.info(
    { database: redactDatabaseUrl(databaseUrl), matching: config.KAIROS_MATCHING_URL },
    'api ready',
  );
});
lifecycle.stopOnSignals();
