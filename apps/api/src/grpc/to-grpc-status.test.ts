import { Writable } from 'node:stream';
import { status } from '@grpc/grpc-js';
import { InvalidArgument, namespaceNotFound, ResourceExhausted } from '@kairos/errors';
import { google, temporal } from '@kairos/proto';
import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { statusDetailsKey } from './status-details.ts';
import { grpcCodeOf, toGrpcStatus } from './to-grpc-status.ts';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ service: 'test', level: 'debug', destination }), lines };
}

function decodedDetails(metadata: { get(key: string): unknown[] }) {
  const [bytes] = metadata.get(statusDetailsKey);
  return Buffer.isBuffer(bytes) ? google.rpc.Status.decode(bytes) : undefined;
}

describe('toGrpcStatus', () => {
  it('keeps a domain error code and message, without details when there are none', () => {
    const { logger, lines } = capturingLogger();
    const mapped = toGrpcStatus(InvalidArgument.forField('namespace', 'must not be empty'), {
      logger,
      rpc: 'W/D',
    });
    expect(mapped).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'namespace: must not be empty' });
    expect(mapped.metadata.get(statusDetailsKey)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('packs Temporal failure details as google.rpc.Status with an Any', () => {
    const { logger } = capturingLogger();
    const mapped = toGrpcStatus(namespaceNotFound('orders'), { logger, rpc: 'W/D' });
    const details = decodedDetails(mapped.metadata);
    expect(details).toMatchObject({ code: status.NOT_FOUND, message: 'Namespace orders is not found.' });
    expect(details?.details[0]?.type_url).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.NamespaceNotFoundFailure',
    );
    expect(
      temporal.api.errordetails.v1.NamespaceNotFoundFailure.decode(details!.details[0]!.value!).namespace,
    ).toBe('orders');
  });

  it('encodes ResourceExhaustedFailure cause and scope as Temporal enums', () => {
    const { logger } = capturingLogger();
    const error = new ResourceExhausted('namespace rps limit exceeded', {
      detail: { type: 'ResourceExhausted', cause: 'RPS_LIMIT', scope: 'NAMESPACE' },
    });
    const details = decodedDetails(toGrpcStatus(error, { logger, rpc: 'W/S' }).metadata);
    const failure = temporal.api.errordetails.v1.ResourceExhaustedFailure.decode(details!.details[0]!.value!);
    expect(failure.cause).toBe(
      temporal.api.enums.v1.ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_RPS_LIMIT,
    );
    expect(failure.scope).toBe(
      temporal.api.enums.v1.ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE,
    );
  });

  it('turns anything else into INTERNAL with a reference, logging the error under it', () => {
    const { logger, lines } = capturingLogger();
    const leak = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    const mapped = toGrpcStatus(leak, {
      logger,
      rpc: 'WorkflowService/DescribeNamespace',
      traceId: 'abc123',
    });
    expect(mapped).toMatchObject({
      code: status.INTERNAL,
      details: 'Internal error (reference abc123); the server logged the details.',
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        rpc: 'WorkflowService/DescribeNamespace',
        reference: 'abc123',
      }),
    ]);
    expect(toGrpcStatus('a string', { logger, rpc: 'x' }).details).toMatch(
      /^Internal error \(reference [0-9a-f]{16}\)/,
    );
  });

  it('tells the telemetry step the code before mapping', () => {
    expect(grpcCodeOf(namespaceNotFound('x'))).toBe(status.NOT_FOUND);
    expect(grpcCodeOf(new TypeError('boom'))).toBe(status.INTERNAL);
  });
});
