import { Writable } from 'node:stream';
import { MemoryBus } from '@kairos/bus';
import { applyMigrations, createPrismaClient, type PrismaClient } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { startTelemetry } from '@kairos/telemetry';
import { startApiProcess, type ApiProcess } from '../../../src/api-process.ts';
import { startInProcessEngine, type InProcessEngine } from '../../../src/engine/in-process-engine.ts';
import { ConsoleClient } from './console-client.ts';

/** The console's origin these tests configure (mutations from anywhere else are refused). */
export const CONSOLE_ORIGIN = 'http://console.kairos.test';

export interface ControlPlaneUnderTest {
  /** Base URL of the api's HTTP server (…/trpc, …/healthz). */
  url: string;
  api: ApiProcess;
  engine: InProcessEngine;
  prisma: PrismaClient;
  /** Every log line written so far, as text (to check that no secret is ever logged). */
  logText(): string;
  /** A fresh browser: its own cookies and its own (forwarded) client address. */
  client(): ConsoleClient;
  stop(): Promise<void>;
}

/** The api process as `npm start` composes it (engine in process), over a fresh migrated database. */
export async function startControlPlaneUnderTest(purpose: string): Promise<ControlPlaneUnderTest> {
  const database = await createThrowawayDatabase(`cp-${purpose}`);
  await applyMigrations(database.url);
  const prisma = createPrismaClient(database.url, { maxConnections: 6 });
  const logChunks: string[] = [];
  const telemetry = await startTelemetry({
    serviceName: `kairos-control-plane-test-${purpose}`,
    logLevel: 'debug',
    metrics: { host: '127.0.0.1', port: 0 },
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logChunks.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  const bus = new MemoryBus();
  const engine = await startInProcessEngine({
    databaseUrl: database.url,
    bus,
    logger: telemetry.logger,
    shardCount: 2,
  });
  const api = await startApiProcess({
    mode: 'embedded',
    grpc: { host: '127.0.0.1', port: 0 },
    http: { host: '127.0.0.1', port: 0 },
    engine,
    telemetry,
    prisma,
    console: { origin: CONSOLE_ORIGIN, cookieSecure: false },
  });
  return {
    url: api.http.url,
    api,
    engine,
    prisma,
    logText: () => logChunks.join(''),
    client: () => new ConsoleClient(api.http.url, { origin: CONSOLE_ORIGIN }),
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
