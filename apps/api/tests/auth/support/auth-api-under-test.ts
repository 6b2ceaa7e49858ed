import { MemoryBus } from '@kairos/bus';
import { applyMigrations, createPrismaClient, type PrismaClient } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { startTelemetry } from '@kairos/telemetry';
import { Connection } from '@temporalio/client';
import { startApiProcess } from '../../../src/api-process.ts';
import { startInProcessEngine } from '../../../src/engine/in-process-engine.ts';
import { Tenants } from './tenants.ts';

export interface AuthApiUnderTest {
  address: string;
  prisma: PrismaClient;
  tenants: Tenants;
  /**
   * An SDK connection with this key (none: no authorization header), without TLS and without the SDK's
   * retry interceptor (it would retry RESOURCE_EXHAUSTED and UNAVAILABLE for seconds). Lazy: nothing
   * is sent until the first call, so refusals surface on the call under test.
   */
  connect(apiKey?: string): Connection;
  stop(): Promise<void>;
}

/**
 * The api as `npm start` composes it (in-process engine, fresh database), but with anonymous loopback
 * access off, so that every call needs an API key, as in cluster mode.
 */
export async function startAuthApiUnderTest(
  purpose: string,
  options: { longPollMs?: number } = {},
): Promise<AuthApiUnderTest> {
  const database = await createThrowawayDatabase(purpose);
  await applyMigrations(database.url);
  const prisma = createPrismaClient(database.url, { maxConnections: 4 });
  const telemetry = await startTelemetry({
    serviceName: `kairos-api-test-${purpose}`,
    logLevel: 'warn',
    metrics: false,
  });
  const bus = new MemoryBus();
  const engine = await startInProcessEngine({
    databaseUrl: database.url,
    bus,
    logger: telemetry.logger,
    shardCount: 4,
    longPollMs: options.longPollMs ?? 5_000,
  });
  const api = await startApiProcess({
    mode: 'embedded',
    grpc: { host: '127.0.0.1', port: 0 },
    http: { host: '127.0.0.1', port: 0 },
    engine,
    telemetry,
    prisma,
    anonymousLoopback: false,
  });
  const connections: Connection[] = [];
  return {
    address: api.grpc.address,
    prisma,
    tenants: new Tenants(prisma),
    connect(apiKey) {
      const connection = Connection.lazy({
        address: api.grpc.address,
        ...(apiKey === undefined ? {} : { apiKey }),
        tls: false,
        interceptors: [],
      });
      connections.push(connection);
      return connection;
    },
    async stop() {
      await Promise.all(connections.map((connection) => connection.close()));
      await api.stop();
      await engine.stop();
      await bus.close();
      await prisma.$disconnect();
      await telemetry.shutdown();
      await database.drop();
    },
  };
}
