import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { isRetryableFailure, parseTimeoutTypeName } from './retryable-failure.ts';

const TimeoutType = temporal.api.enums.v1.TimeoutType;
const timeout = (timeoutType: temporal.api.enums.v1.TimeoutType) => ({ timeoutFailureInfo: { timeoutType } });

describe('isRetryableFailure', () => {
  it('follows Temporal’s table', () => {
    const cases: [temporal.api.failure.v1.IFailure | null, string[], boolean][] = [
      [null, [], true],
      [{ message: 'wrapper' }, ['wrapper'], true],
      [{ applicationFailureInfo: { type: 'E' } }, [], true],
      [{ applicationFailureInfo: { type: 'E' } }, ['E'], false],
      [{ applicationFailureInfo: {} }, [''], false],
      [{ applicationFailureInfo: { type: 'E', nonRetryable: true } }, [], false],
      [{ serverFailureInfo: {} }, [], true],
      [{ serverFailureInfo: { nonRetryable: true } }, [], false],
      [{ canceledFailureInfo: {} }, [], false],
      [{ terminatedFailureInfo: {} }, [], false],
      [timeout(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE), [], true],
      [timeout(TimeoutType.TIMEOUT_TYPE_HEARTBEAT), [], true],
      [timeout(TimeoutType.TIMEOUT_TYPE_HEARTBEAT), ['TemporalTimeout:Heartbeat'], false],
      [timeout(TimeoutType.TIMEOUT_TYPE_HEARTBEAT), ['TemporalTimeout:TIMEOUT_TYPE_HEARTBEAT'], true],
      [timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START), [], false],
      [timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE), [], false],
      [{ timeoutFailureInfo: {} }, [], false],
    ];
    for (const [failure, types, expected] of cases) {
      expect(isRetryableFailure(failure, types), JSON.stringify({ failure, types })).toBe(expected);
    }
  });
});

describe('parseTimeoutTypeName', () => {
  it('takes short and enum names of the four timeouts', () => {
    expect(parseTimeoutTypeName('StartToClose')).toBe(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE);
    expect(parseTimeoutTypeName('TIMEOUT_TYPE_SCHEDULE_TO_START')).toBe(
      TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
    );
    expect(parseTimeoutTypeName('Heartbeat')).toBe(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
    expect(parseTimeoutTypeName('Unspecified')).toBeUndefined();
    expect(parseTimeoutTypeName('heartbeat')).toBeUndefined();
  });
});
