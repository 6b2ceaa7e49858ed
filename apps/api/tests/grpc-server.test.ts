import { credentials, makeGenericClientConstructor, status, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxGrpcMessageBytes, startGrpcServer, type GrpcServerHandle } from '../src/grpc/grpc-server.ts';

type Callback = (error: ServiceError | null, response?: { status: string }) => void;
interface HealthClient {
  check(request: { service: string }, callback: Callback): void;
  close(): void;
}
const HealthClientConstructor = makeGenericClientConstructor(healthService, 'Health');

describe('gRPC server', () => {
  let server: GrpcServerHandle;
  let client: HealthClient;
  const check = (serviceName: string) =>
    new Promise<{ status: string }>((resolve, reject) =>
      client.check({ service: serviceName }, (error, response) =>
        error ? reject(error) : resolve(response!),
      ),
    );

  beforeAll(async () => {
    server = await startGrpcServer({ host: '127.0.0.1', port: 0 });
    client = new HealthClientConstructor(
      server.address,
      credentials.createInsecure(),
    ) as unknown as HealthClient;
  });
  afterAll(async () => {
    client.close();
    await server.shutdown();
  });

  it('answers grpc.health.v1 Check with SERVING', async () => {
    await expect(check('')).resolves.toMatchObject({ status: 'SERVING' });
  });

  it('answers NOT_FOUND for a service it does not serve', async () => {
    await expect(check('no.such.Service')).rejects.toMatchObject({ code: status.NOT_FOUND });
  });

  it('refuses a request over the 4 MB message limit with RESOURCE_EXHAUSTED', async () => {
    const error = await check('x'.repeat(maxGrpcMessageBytes + 1)).catch((caught: ServiceError) => caught);
    expect(error).toMatchObject({ code: status.RESOURCE_EXHAUSTED });
    expect((error as ServiceError).details).toMatch(/larger than max/i);
  });

  it('reports NOT_SERVING while shutting down', async () => {
    server.health.setStatus('', 'NOT_SERVING');
    await expect(check('')).resolves.toMatchObject({ status: 'NOT_SERVING' });
    server.health.setStatus('', 'SERVING');
  });

  it('fails with a clear error when the port is taken', async () => {
    const [, port] = server.address.split(':');
    await expect(startGrpcServer({ host: '127.0.0.1', port: Number(port) })).rejects.toThrow(
      /cannot listen for gRPC on 127\.0\.0\.1:\d+/,
    );
  });
});
