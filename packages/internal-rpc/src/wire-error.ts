import {
  AlreadyExists,
  DomainError,
  FailedPrecondition,
  Internal,
  InvalidArgument,
  NotFound,
  PermissionDenied,
  ResourceExhausted,
  Unauthenticated,
  Unavailable,
  Unimplemented,
  type DomainErrorOptions,
  type ErrorCode,
  type FailureDetail,
} from '@kairos/errors';

/** A DomainError as it crosses the wire: the parts a caller may see, never a stack or a cause. */
export interface WireError {
  code: ErrorCode;
  message: string;
  detail?: FailureDetail;
  /** InvalidArgument's field, so the far side can still tell which field was at fault. */
  field?: string;
}

type DomainErrorClass = new (message: string, options?: DomainErrorOptions) => DomainError;

const classByCode: Record<ErrorCode, DomainErrorClass> = {
  INVALID_ARGUMENT: InvalidArgument,
  NOT_FOUND: NotFound,
  ALREADY_EXISTS: AlreadyExists,
  FAILED_PRECONDITION: FailedPrecondition,
  RESOURCE_EXHAUSTED: ResourceExhausted,
  PERMISSION_DENIED: PermissionDenied,
  UNAUTHENTICATED: Unauthenticated,
  UNIMPLEMENTED: Unimplemented,
  UNAVAILABLE: Unavailable,
  INTERNAL: Internal,
};

export function domainErrorToWire(error: DomainError): WireError {
  const wire: WireError = { code: error.code, message: error.message };
  if (error.detail !== undefined) wire.detail = error.detail;
  if (error instanceof InvalidArgument && error.field !== undefined) wire.field = error.field;
  return wire;
}

/** Rebuilds the DomainError subclass the handler threw; an unknown code (a newer peer) becomes Internal. */
export function domainErrorFromWire(wire: WireError): DomainError {
  const options: DomainErrorOptions = wire.detail === undefined ? {} : { detail: wire.detail };
  if (wire.code === 'INVALID_ARGUMENT')
    return new InvalidArgument(wire.message, { ...options, field: wire.field });
  const ErrorClass = Object.hasOwn(classByCode, wire.code) ? classByCode[wire.code] : Internal;
  return new ErrorClass(wire.message, options);
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}
