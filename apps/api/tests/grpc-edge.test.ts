import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxGrpcMessageBytes } from '../src/grpc/grpc-server.ts';
import { startApiUnderTest, type ApiUnderTest } from './support/api-under-test.ts';
import { grpcError } from './support/grpc-error.ts';

describe('the gRPC edge', () => {
  let server: ApiUnderTest;
  let connection: Connection;

  beforeAll(async () => {
    server = await startApiUnderTest('grpc_edge');
    // No retry interceptor: the SDK's default retries RESOURCE_EXHAUSTED ten times with backoff.
    connection = await Connection.connect({ address: server.address, interceptors: [] });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('answers UNIMPLEMENTED naming the rpc for WorkflowService and OperatorService rpcs not served yet', async () => {
    const batches = await grpcError(connection.workflowService.listBatchOperations({ namespace: 'default' }));
    expect(batches.code).toBe(12); // UNIMPLEMENTED
    expect(batches.details).toBe(
      'Kairos does not implement temporal.api.workflowservice.v1.WorkflowService/ListBatchOperations yet.',
    );
    const operator = await grpcError(connection.operatorService.listClusters({}));
    expect(operator.code).toBe(12);
    expect(operator.details).toMatch(/OperatorService\/ListClusters/);
  });

  it('refuses a request over the 4 MB message limit with RESOURCE_EXHAUSTED, writing nothing', async () => {
    const error = await grpcError(
      connection.workflowService.registerNamespace({
        namespace: 'too-big',
        description: 'x'.repeat(maxGrpcMessageBytes + 1),
      }),
    );
    expect(error.code).toBe(8); // RESOURCE_EXHAUSTED
    expect(await server.prisma.namespace.findUnique({ where: { name: 'too-big' } })).toBeNull();
  });

  it('counts and times every rpc by method, namespace and code, and logs it at debug', async () => {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    await grpcError(connection.workflowService.describeNamespace({ namespace: 'missing-ns' }));
    const metrics = await (await fetch(server.telemetry.metricsUrl!)).text();
    expect(metrics).toMatch(
      /kairos_grpc_requests_total\{[^}]*method="DescribeNamespace"[^}]*namespace="default"[^}]*code="OK"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/kairos_grpc_requests_total\{[^}]*namespace="missing-ns"[^}]*code="NOT_FOUND"/);
    expect(metrics).toMatch(/kairos_grpc_request_duration_seconds_bucket\{[^}]*method="DescribeNamespace"/);
    expect(metrics).toMatch(
      /kairos_grpc_requests_total\{[^}]*method="ListBatchOperations"[^}]*code="UNIMPLEMENTED"/,
    );
    expect(server.logLines).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        msg: 'rpc',
        service: 'WorkflowService',
        method: 'DescribeNamespace',
        namespace: 'missing-ns',
        code: 'NOT_FOUND',
        durationMs: expect.any(Number),
        trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    );
  });

  it('serves grpc.health.v1 for the WorkflowService by name', async () => {
    const response = await connection.healthService.check({
      service: 'temporal.api.workflowservice.v1.WorkflowService',
    });
    expect(response.status).toBe(1); // SERVING
  });
});
