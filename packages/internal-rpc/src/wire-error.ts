import {
  DomainError,
  domainErrorOf,
  InvalidArgument,
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
  return domainErrorOf(wire.code, wire.message, options);
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}
