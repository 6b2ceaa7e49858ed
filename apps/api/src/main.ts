// The api process on its own (cluster mode): `KAIROS_MODE=cluster npm run start -w @kairos/api`.
// Needs DATABASE_URL (any Postgres 15+; `infra/up` starts one) and, with KAIROS_BUS=kafka, Kafka.
import { KafkaBus, MemoryBus, type Bus } from '@kairos/bus';
import { loadConfigOrExit } from '@kairos/config';
import { applyMigrations, createPrismaClient, redactDatabaseUrl } from '@kairos/db';
import { startApiProcess } from './api-process.ts';
import { startProcessTelemetry } from './process-telemetry.ts';

const config = loadConfigOrExit(
  [
    'KAIROS_MODE',
    'DATABASE_URL',
    'KAIROS_BUS',
    'KAFKA_BROKERS',
    'KAFKA_CLIENT_ID',
    'KAIROS_GRPC_HOST',
    'KAIROS_GRPC_PORT',
    'KAIROS_HTTP_PORT',
    'KAIROS_LOG_LEVEL',
    'KAIROS_METRICS_PORT',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
  ],
  { required: ['DATABASE_URL'], why: 'for the api process on its own (only npm start embeds a Postgres)' },
);
const databaseUrl = config.DATABASE_URL;

const { telemetry, lifecycle } = await startProcessTelemetry('kairos-api', config);
const { logger } = telemetry;

await lifecycle.startOrExit(async () => {
  await applyMigrations(databaseUrl);
  const prisma = await lifecycle.start(
    'database client',
    async () => createPrismaClient(databaseUrl),
    (part) => part.$disconnect(),
  );
  const bus = await lifecycle.start(
    'bus',
    async (): Promise<Bus> =>
      config.KAIROS_BUS === 'kafka'
        ? new KafkaBus({ brokers: config.KAFKA_BROKERS, clientId: `${config.KAFKA_CLIENT_ID}-api`, logger })
        : new MemoryBus(),
    (part) => part.close(),
  );
  await lifecycle.start(
    'api',
    () =>
      startApiProcess({
        mode: config.KAIROS_MODE,
        grpc: { host: config.KAIROS_GRPC_HOST, port: config.KAIROS_GRPC_PORT },
        http: { host: config.KAIROS_GRPC_HOST, port: config.KAIROS_HTTP_PORT },
        bus,
        telemetry,
        prisma,
      }),
    (part) => part.stop(),
  );
  logger.info({ database: redactDatabaseUrl(databaseUrl), bus: config.KAIROS_BUS }, 'api ready');
});
lifecycle.stopOnSignals();
