import { Writable } from 'node:stream';
import { Connection } from '@temporalio/client';
import { createPrismaClient, type PrismaClient } from '@kairos/db';
import { serverUrl } from '@kairos/db/testing';
import type { HistoryClient } from '@kairos/history/client';
import type { MatchingClient } from '@kairos/matching/client';
import { startTelemetry, type Telemetry } from '@kairos/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrpcServer, type GrpcServerHandle } from '../src/grpc/grpc-server.ts';
import { temporalServices } from '../src/grpc/temporal-services.ts';
import { NamespaceResolver } from '../src/namespaces/namespace-resolver.ts';
import { PrismaNamespaceRepository } from '../src/namespaces/prisma-namespace-repository.ts';
import { grpcError } from './support/grpc-error.ts';

// A bug or an outage inside a handler must reach the caller as a generic INTERNAL, never as the
// driver's message, while the server log keeps every detail under a reference the caller can quote.

describe('unexpected failures', () => {
  let telemetry: Telemetry;
  let prisma: PrismaClient;
  let grpc: GrpcServerHandle;
  let connection: Connection;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    telemetry = await startTelemetry({
      serviceName: 'kairos-api-test-unexpected',
      logLevel: 'info',
      metrics: false,
      logDestination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
            logLines.push(JSON.parse(line));
          done();
        },
      }),
    });
    // A real client for a database that does not exist: every query fails inside the driver.
    const missing = new URL(serverUrl);
    missing.pathname = '/kairos_test_no_such_database';
    prisma = createPrismaClient(missing.toString());
    const namespaces = new PrismaNamespaceRepository(prisma);
    grpc = await startGrpcServer(
      { host: '127.0.0.1', port: 0 },
      temporalServices({
        namespaces,
        resolver: new NamespaceResolver(namespaces),
        // This suite exercises namespace rpcs only; an engine call would be a bug in the test.
        history: notExpected<HistoryClient>('history'),
        matching: notExpected<MatchingClient>('matching'),
        telemetry,
      }),
    );
    connection = await Connection.connect({ address: grpc.address, interceptors: [] });
  });
  afterAll(async () => {
    await connection?.close();
    await grpc?.shutdown();
    await prisma?.$disconnect();
    await telemetry?.shutdown();
  });

  it('answer INTERNAL with a reference and no internals, and log the details under that reference', async () => {
    const error = await grpcError(connection.workflowService.describeNamespace({ namespace: 'default' }));
    expect(error.code).toBe(13); // INTERNAL
    const match = /^Internal error \(reference ([0-9a-f]+)\); the server logged the details\.$/.exec(
      error.details,
    );
    expect(match).not.toBeNull();
    expect(error.details).not.toMatch(/kairos_test_no_such_database|prisma|postgres|at /i);
    const logged = logLines.find((line) => line.msg === 'unexpected error in rpc');
    expect(logged).toMatchObject({
      level: 'error',
      rpc: 'WorkflowService/DescribeNamespace',
      reference: match![1],
    });
    expect(JSON.stringify(logged)).toMatch(/kairos_test_no_such_database/);
  });
});

function notExpected<Client extends object>(name: string): Client {
  return new Proxy({} as Client, {
    get: (_target, method) => () =>
      Promise.reject(new Error(`${name}.${String(method)} was not expected here`)),
  });
}
