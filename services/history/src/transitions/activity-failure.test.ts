import { int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  activityInfo,
  activityMutation,
  eventOfType,
  idsAndTypes,
  startedActivity,
} from '../../tests/support/execution-fixture.ts';
import { encodedFailure } from '../state/encoded.ts';
import { failActivityAttempt } from './activity.ts';

const { RetryState, TimeoutType } = temporal.api.enums.v1;
const failure = (type: string) => ({ message: 'card service down', applicationFailureInfo: { type } });

describe('failActivityAttempt', () => {
  it('retries after the initial interval: next attempt, backoff timer, no event', () => {
    const { mutation, activity } = activityMutation(startedActivity());

    failActivityAttempt(mutation, activity, {
      kind: 'failed',
      failure: failure('Unavailable'),
      identity: 'w',
    });

    expect(mutation.events).toEqual([]);
    expect(activity).toMatchObject({
      attempt: 2,
      retryAtMs: NOW + 1_000,
      startedTimeMs: undefined,
      startedIdentity: undefined,
    });
    expect(encodedFailure.decode(activity.lastFailure)?.message).toBe('card service down');
    expect(mutation.timers).toEqual([
      { fireAtMs: NOW + 1_000, payload: { type: 'activity-retry', scheduledEventId: 5, attempt: 2 } },
    ]);
  });

  it('grows the backoff by the coefficient', () => {
    const { mutation, activity } = activityMutation(startedActivity({ attempt: 2 }));
    failActivityAttempt(mutation, activity, {
      kind: 'failed',
      failure: failure('Unavailable'),
      identity: 'w',
    });
    expect(mutation.timers[0]!.fireAtMs).toBe(NOW + 2_000);
  });

  it('closes with ActivityTaskFailed once the attempts are used up', () => {
    const { mutation, activity } = activityMutation(startedActivity({ attempt: 3 }));

    failActivityAttempt(mutation, activity, {
      kind: 'failed',
      failure: failure('Unavailable'),
      identity: 'w',
    });

    expect(idsAndTypes(mutation.events).slice(0, 2)).toEqual([
      [6, 'ActivityTaskStarted'],
      [7, 'ActivityTaskFailed'],
    ]);
    const failed = mutation.events[1]!.activityTaskFailedEventAttributes!;
    expect(failed.retryState).toBe(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
    expect(int64ToNumber(failed.startedEventId)).toBe(6);
    expect(failed.failure?.message).toBe('card service down');
    expect(mutation.timers).toEqual([]);
    expect(mutation.state.activities).toEqual({});
  });

  it.each([
    [
      'at once on a non-retryable error type',
      {},
      'CardDeclined',
      RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
    ],
    [
      'when the next attempt would start after schedule-to-close',
      { scheduleToCloseTimeoutMs: 5_500 },
      'Unavailable',
      RetryState.RETRY_STATE_TIMEOUT,
    ],
    [
      'without retrying an activity the workflow asked to cancel',
      { cancelRequested: true },
      'Unavailable',
      RetryState.RETRY_STATE_CANCEL_REQUESTED,
    ],
  ] as const)('closes %s', (_case, overrides, errorType, retryState) => {
    const { mutation, activity } = activityMutation(startedActivity(overrides));
    failActivityAttempt(mutation, activity, { kind: 'failed', failure: failure(errorType), identity: 'w' });
    expect(
      eventOfType(mutation.events, 'ActivityTaskFailed').activityTaskFailedEventAttributes?.retryState,
    ).toBe(retryState);
  });

  it('retries a start-to-close timeout', () => {
    const { mutation, activity } = activityMutation(startedActivity());
    failActivityAttempt(mutation, activity, { kind: 'timed-out', timeoutType: 'start-to-close' });
    expect(mutation.events).toEqual([]);
    expect(activity.attempt).toBe(2);
    expect(encodedFailure.decode(activity.lastFailure)?.timeoutFailureInfo?.timeoutType).toBe(
      TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
    );
  });

  it('closes a schedule-to-start timeout with ActivityTaskTimedOut and no Started event', () => {
    const { mutation, activity } = activityMutation(activityInfo());

    failActivityAttempt(mutation, activity, { kind: 'timed-out', timeoutType: 'schedule-to-start' });

    expect(idsAndTypes(mutation.events).slice(0, 1)).toEqual([[6, 'ActivityTaskTimedOut']]);
    const timedOut = mutation.events[0]!.activityTaskTimedOutEventAttributes!;
    expect(timedOut.retryState).toBe(RetryState.RETRY_STATE_TIMEOUT);
    expect(timedOut.failure?.timeoutFailureInfo?.timeoutType).toBe(
      TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
    );
    expect(int64ToNumber(timedOut.startedEventId)).toBe(0);
  });
});
