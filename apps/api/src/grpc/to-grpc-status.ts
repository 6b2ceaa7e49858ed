import { randomBytes } from 'node:crypto';
import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { isDomainError, type ErrorCode } from '@kairos/errors';
import type { Logger } from '@kairos/telemetry';
import { encodeStatusDetails, statusDetailsKey } from './status-details.ts';

const grpcCodes: Record<ErrorCode, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  UNIMPLEMENTED: status.UNIMPLEMENTED,
  UNAVAILABLE: status.UNAVAILABLE,
  INTERNAL: status.INTERNAL,
};

/** The gRPC status code an error will be answered with (for metrics and spans, before mapping it fully). */
export function grpcCodeOf(error: unknown): status {
  return isDomainError(error) ? grpcCodes[error.code] : status.INTERNAL;
}

/** The status as a grpc-js server callback takes it. */
export type GrpcErrorStatus = Pick<StatusObject, 'code' | 'details' | 'metadata'>;

export interface ToGrpcStatusContext {
  logger: Logger;
  /** e.g. `WorkflowService/DescribeNamespace`, for the log line of an unexpected error. */
  rpc: string;
  /** The call's trace id, quoted to the caller so support finds the log line and the trace. */
  traceId?: string | undefined;
}

/**
 * The one mapper from errors to gRPC status. A DomainError keeps its code and message (written for
 * the caller) and, when it has one, its Temporal failure detail in `grpc-status-details-bin`. Anything
 * else is a bug: it is logged here with its stack, and the caller gets INTERNAL with a reference to
 * the log line — never the message or stack, which may hold internals (SQL, hosts, paths).
 */
export function toGrpcStatus(error: unknown, context: ToGrpcStatusContext): GrpcErrorStatus {
  const metadata = new Metadata();
  if (isDomainError(error)) {
    const code = grpcCodes[error.code];
    if (error.detail) metadata.set(statusDetailsKey, encodeStatusDetails(code, error.message, error.detail));
    // Expected failures are the caller's business (counted by the telemetry step); ours get a log line.
    if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') {
      context.logger.warn({ err: error, rpc: context.rpc, reference: context.traceId }, 'rpc failed');
    }
    return { code, details: error.message, metadata };
  }
  const reference = context.traceId ?? randomBytes(8).toString('hex');
  context.logger.error({ err: error, rpc: context.rpc, reference }, 'unexpected error in rpc');
  return {
    code: status.INTERNAL,
    details: `Internal error (reference ${reference}); the server logged the details.`,
    metadata,
  };
}
