import { DomainError, type DomainErrorOptions, type ErrorCode } from './domain-error.ts';

/** Bad input: the message names the field, e.g. `namespace: must not be empty`. */
export class InvalidArgument extends DomainError {
  readonly code = 'INVALID_ARGUMENT' as const;
  /** The request field at fault, when there is one (a dotted path such as `config.workflowExecutionRetentionTtl`). */
  readonly field: string | undefined;

  constructor(message: string, options: DomainErrorOptions & { field?: string } = {}) {
    super(message, options);
    this.field = options.field;
  }

  /** `<field>: <problem>` — the form every field-level validation error takes. */
  static forField(field: string, problem: string, options: DomainErrorOptions = {}): InvalidArgument {
    return new InvalidArgument(`${field}: ${problem}`, { ...options, field });
  }
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

export class AlreadyExists extends DomainError {
  readonly code = 'ALREADY_EXISTS' as const;
}

/** The request is well-formed but the system is not in a state to perform it (e.g. a deleted namespace). */
export class FailedPrecondition extends DomainError {
  readonly code = 'FAILED_PRECONDITION' as const;
}

/** A quota or size limit; the message names the limit. */
export class ResourceExhausted extends DomainError {
  readonly code = 'RESOURCE_EXHAUSTED' as const;
}

export class PermissionDenied extends DomainError {
  readonly code = 'PERMISSION_DENIED' as const;
}

export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

/** A known operation Kairos does not offer (yet); the message names it. */
export class Unimplemented extends DomainError {
  readonly code = 'UNIMPLEMENTED' as const;
}

/** A dependency is briefly unreachable; the caller may retry. */
export class Unavailable extends DomainError {
  readonly code = 'UNAVAILABLE' as const;
}

/**
 * A broken invariant we detected ourselves. Its message still goes to the caller, so keep it generic;
 * put specifics in `cause`, which is only logged.
 */
export class Internal extends DomainError {
  readonly code = 'INTERNAL' as const;
}

const classByCode: Record<ErrorCode, new (message: string, options?: DomainErrorOptions) => DomainError> = {
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

/** The domain error of a code known only at run time (one that crossed a wire); unknown codes: Internal. */
export function domainErrorOf(code: string, message: string, options: DomainErrorOptions = {}): DomainError {
  const ErrorClass = Object.hasOwn(classByCode, code) ? classByCode[code as ErrorCode] : Internal;
  return new ErrorClass(message, options);
}
