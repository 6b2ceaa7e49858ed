import type { FailureDetail } from './failure-detail.ts';

/**
 * What went wrong, in the vocabulary every edge understands. The names follow gRPC's status codes
 * (which Temporal's API and SDKs speak); the tRPC/HTTP mapper translates them its own way.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'UNIMPLEMENTED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface DomainErrorOptions {
  /** A machine-readable detail the edge attaches (Temporal's typed failure, e.g. NamespaceNotFoundFailure). */
  detail?: FailureDetail;
  cause?: unknown;
}

/**
 * An expected failure, as a value: its message is written for the caller and is sent as is, so it must
 * name the problem (and the field, for bad input) and never carry secrets or internals. Anything thrown
 * that is not a DomainError is a bug and reaches callers only as a generic INTERNAL error.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly detail: FailureDetail | undefined;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
  }
}

/**
 * True for every DomainError. Deliberately `instanceof` only: driver errors (pg, Prisma) also carry
 * `code` and `detail` fields, and their messages must never reach a caller.
 */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
