import { isDomainError, type ErrorCode } from '@kairos/errors';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** The one translation of domain error codes into tRPC's (and so HTTP statuses). */
const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_ARGUMENT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'CONFLICT',
  FAILED_PRECONDITION: 'PRECONDITION_FAILED',
  RESOURCE_EXHAUSTED: 'TOO_MANY_REQUESTS',
  PERMISSION_DENIED: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  UNIMPLEMENTED: 'NOT_IMPLEMENTED',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export const INTERNAL_ERROR_MESSAGE = 'internal error';

/**
 * What a procedure failure becomes on the wire. tRPC wraps whatever a handler throws in a TRPCError;
 * a DomainError inside keeps its message (written for callers) under its mapped code; tRPC's own
 * errors (bad input, unknown procedure) pass through; anything else is a bug, answered as a generic
 * INTERNAL_SERVER_ERROR whose cause is kept for the log only.
 */
export function toTrpcError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause !== undefined ? error.cause : error;
  if (isDomainError(cause))
    return new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') return error;
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: INTERNAL_ERROR_MESSAGE,
    cause: cause instanceof Error ? cause : new Error(String(cause)),
  });
}
