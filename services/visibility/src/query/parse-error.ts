import { InvalidArgument } from '@kairos/errors';

/**
 * A list filter Kairos cannot run: malformed text, an unknown search attribute, an operator the
 * attribute's type does not allow, or a value of the wrong type. Temporal answers all of these with
 * INVALID_ARGUMENT, so callers turn it into one with `toInvalidArgument()`.
 */
export class ParseError extends Error {
  /** 1-based character offset of the fault in the query text (length + 1 for "at the end"). */
  readonly position: number;
  /** The problem without the position, e.g. `expected a value after '='`. */
  readonly problem: string;

  constructor(problem: string, position: number) {
    super(`${problem} at position ${position}`);
    this.name = 'ParseError';
    this.problem = problem;
    this.position = position;
  }

  /** The error the API returns; the field is the request field holding the filter. */
  toInvalidArgument(field = 'query'): InvalidArgument {
    return InvalidArgument.forField(field, `invalid query: ${this.message}`, { cause: this });
  }
}
