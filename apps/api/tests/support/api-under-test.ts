import { Writable } from 'node:stream';
import { MemoryBus } from '@kairos/bus';
import { applyMigrations, createPrismaClient, type PrismaClient } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { startTelemetry, type Telemetry } from '@kairos/telemetry';
import { startApiProcess, type ApiProcess } from '../../src/api-process.ts';
import { startInProcessEngine, type InProcessEngine } from '../../src/engine/in-process-engine.ts';

export interface ApiUnderTest {
  /** host:port of the gRPC server, for `Connection.connect({ address })`. */
  address: string;
  api: ApiProcess;
  engine: InProcessEngine;
  prisma: PrismaClient;
  telemetry: Telemetry;
  /** Every log line so far, parsed. */
  logLines: Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface ApiUnderTestOptions {
  longPollMs?: number;
  shardCount?: number;
  /** Off: every gRPC call needs an API key, as in cluster mode. Default: on, as `npm start` runs. */
  anonymousLoopback?: boolean;
  /** The console origin and cookie flags the tRPC endpoint expects. */
  console?: { origin: string; cookieSecure: boolean };
}

/**
 * The api process as `npm start` composes it (real gRPC and HTTP servers on free ports, the Prisma
 * client, telemetry with debug logs and a Prometheus endpoint), over a fresh migrated database.
 */
export async function startApiUnderTest(
  purpose: string,
  options: ApiUnderTestOptions = {},
): Promise<ApiUnderTest> {
  const database = await createThrowawayDatabase(purpose);
  await applyMigrations(database.url);
  const prisma = createPrismaClient(database.url, { maxConnections: 4 });
  const logLines: Record<string, unknown>[] = [];
  const telemetry = await startTelemetry({
    serviceName: `kairos-api-test-${purpose}`,
    logLevel: 'debug',
    metrics: { host: '127.0.0.1', port: 0 },
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line));
        done();
      },
    }),
  });
  const bus = new MemoryBus();
  const engine = await startInProcessEngine({
    databaseUrl: database.url,
    bus,
    logger: telemetry.logger,
    shardCount: options.shardCount ?? 4,
    longPollMs: options.longPollMs ?? 5_000,
  });
  const api = await startApiProcess({
    mode: 'embedded',
    grpc: { host: '127.0.0.1', port: 0 },
    http: { host: '127.0.0.1', port: 0 },
    engine,
    telemetry,
    prisma,
    databaseUrl: database.url,
    ...(options.anonymousLoopback === undefined ? {} : { anonymousLoopback: options.anonymousLoopback }),
    ...(options.console ? { console: options.console } : {}),
  });
  return {
    address: api.grpc.address,
    api,
    engine,
    prisma,
    telemetry,
    logLines,
    async stop() {
      await api.stop();
      await engine.stop();
      await bus.close();
      await prisma.$disconnect();
      await telemetry.shutdown();
      await database.drop();
    },
  };
}
