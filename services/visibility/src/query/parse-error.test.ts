import { InvalidArgument } from '@kairos/errors';
import { describe, expect, it } from 'vitest';
import { compileListFilter } from './check-query.ts';
import { ParseError } from './parse-error.ts';

describe('ParseError', () => {
  it('becomes an InvalidArgument naming the query field, the problem and the position', () => {
    let caught: unknown;
    try {
      compileListFilter("Summary > 'a'", { customAttributes: { Summary: 'Text' }, purpose: 'list' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ParseError);
    const invalid = (caught as ParseError).toInvalidArgument();
    expect(invalid).toBeInstanceOf(InvalidArgument);
    expect(invalid.code).toBe('INVALID_ARGUMENT');
    expect(invalid.field).toBe('query');
    expect(invalid.message).toBe(
      "query: invalid query: operator > is not supported for Text attribute 'Summary' at position 1",
    );
    expect(invalid.cause).toBe(caught);
  });

  it('takes another field name (e.g. for batch operations: visibilityQuery)', () => {
    const invalid = new ParseError("unknown search attribute 'Foo'", 1).toInvalidArgument('visibilityQuery');
    expect(invalid.message).toBe(
      "visibilityQuery: invalid query: unknown search attribute 'Foo' at position 1",
    );
  });
});
