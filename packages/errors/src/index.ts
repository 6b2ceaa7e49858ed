// @kairos/errors: domain errors as values with a code (CONVENTIONS: "Errors are values with a code").
export { DomainError, isDomainError, type DomainErrorOptions, type ErrorCode } from './domain-error.ts';
export {
  AlreadyExists,
  domainErrorOf,
  FailedPrecondition,
  Internal,
  InvalidArgument,
  NotFound,
  PermissionDenied,
  ResourceExhausted,
  Unauthenticated,
  Unavailable,
  Unimplemented,
} from './errors.ts';
export type {
  FailureDetail,
  MultiOperationStatus,
  NamespaceStateName,
  ResourceExhaustedCause,
} from './failure-detail.ts';
export { namespaceAlreadyExists, namespaceInvalidState, namespaceNotFound } from './namespace-errors.ts';
