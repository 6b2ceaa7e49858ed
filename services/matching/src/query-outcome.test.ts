import { InvalidArgument, Internal } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { queryOutcome } from './query-outcome.ts';

const { QueryResultType } = temporal.api.enums.v1;

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('queryOutcome', () => {
  it('answers the result of an answered query', () => {
    const queryResult = { payloads: [{ data: Buffer.from('1') }] };
    expect(queryOutcome({ completedType: QueryResultType.QUERY_RESULT_TYPE_ANSWERED, queryResult })).toEqual({
      queryResult,
    });
  });

  it('throws INVALID_ARGUMENT with the worker message and its failure for a failed query', () => {
    const failure = { message: 'handler threw', stackTrace: 'at handler' };
    const thrown = thrownBy(() =>
      queryOutcome({
        completedType: QueryResultType.QUERY_RESULT_TYPE_FAILED,
        errorMessage: 'boom',
        failure,
      }),
    );
    expect(thrown).toBeInstanceOf(InvalidArgument);
    expect((thrown as InvalidArgument).message).toBe('boom');
    const detail = (thrown as InvalidArgument).detail;
    expect(detail?.type).toBe('QueryFailed');
    if (detail?.type !== 'QueryFailed') throw new Error('expected a QueryFailed detail');
    expect(temporal.api.failure.v1.Failure.decode(detail.failure!)).toMatchObject(failure);
  });

  it('falls back to the failure message, and sends no failure when the worker sent none', () => {
    expect(() =>
      queryOutcome({
        completedType: QueryResultType.QUERY_RESULT_TYPE_FAILED,
        failure: { message: 'from failure' },
      }),
    ).toThrow('from failure');
    const plain = thrownBy(() =>
      queryOutcome({ completedType: QueryResultType.QUERY_RESULT_TYPE_FAILED, errorMessage: 'plain' }),
    );
    expect((plain as InvalidArgument).detail).toEqual({ type: 'QueryFailed' });
  });

  it('refuses an unknown completed type', () => {
    expect(() => queryOutcome({ completedType: QueryResultType.QUERY_RESULT_TYPE_UNSPECIFIED })).toThrow(
      Internal,
    );
  });
});
