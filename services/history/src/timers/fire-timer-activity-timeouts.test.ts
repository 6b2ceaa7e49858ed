import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  activityInfo,
  idsAndTypes,
  runningState,
  startedActivity,
  withActivity,
} from '../../tests/support/execution-fixture.ts';
import { fireSeededTimer } from '../../tests/support/memory-engine.ts';
import type { TimerPayload } from '../state/timer-payload.ts';

const { RetryState, TimeoutType } = temporal.api.enums.v1;

describe('fireTimer: activity timeouts', () => {
  const heartbeatTimeout = (attempt = 1): TimerPayload => ({
    type: 'activity-timeout',
    timeoutType: 'heartbeat',
    scheduledEventId: 5,
    attempt,
  });

  it('re-arms the heartbeat timeout from the last heartbeat when one came in time', async () => {
    const activity = startedActivity({
      heartbeatTimeoutMs: 3_000,
      startedTimeMs: NOW - 3_000,
      lastHeartbeatTimeMs: NOW - 1_000,
    });
    const fired = await fireSeededTimer(
      withActivity(runningState({ nextEventId: 6 }), activity),
      heartbeatTimeout(),
    );

    expect(fired.events).toEqual([]);
    expect(fired.state.activities[5]).toMatchObject({ attempt: 1, startedTimeMs: NOW - 3_000 });
    expect(fired.newTimers).toEqual([[NOW + 2_000, heartbeatTimeout()]]);
  });

  it('fails the attempt when no heartbeat came, retrying it after the backoff', async () => {
    const activity = startedActivity({ heartbeatTimeoutMs: 3_000, startedTimeMs: NOW - 3_000 });
    const fired = await fireSeededTimer(
      withActivity(runningState({ nextEventId: 6 }), activity),
      heartbeatTimeout(),
    );

    expect(fired.events).toEqual([]);
    expect(fired.state.activities[5]).toMatchObject({ attempt: 2, retryAtMs: NOW + 1_000 });
    expect(fired.newTimers).toEqual([
      [NOW + 1_000, { type: 'activity-retry', scheduledEventId: 5, attempt: 2 }],
    ]);
  });

  it('ignores a timeout armed for an earlier attempt', async () => {
    const activity = startedActivity({
      attempt: 2,
      startToCloseTimeoutMs: 1_000,
      startedTimeMs: NOW - 5_000,
    });
    const fired = await fireSeededTimer(withActivity(runningState({ nextEventId: 6 }), activity), {
      type: 'activity-timeout',
      timeoutType: 'start-to-close',
      scheduledEventId: 5,
      attempt: 1,
    });

    expect(fired.events).toEqual([]);
    expect(fired.state.activities[5]).toMatchObject({ attempt: 2, startedTimeMs: NOW - 5_000 });
  });

  it('ignores schedule-to-start once the attempt started', async () => {
    const fired = await fireSeededTimer(withActivity(runningState({ nextEventId: 6 }), startedActivity()), {
      type: 'activity-timeout',
      timeoutType: 'schedule-to-start',
      scheduledEventId: 5,
      attempt: 1,
    });

    expect(fired.events).toEqual([]);
    expect(fired.state.activities[5]?.startedTimeMs).toBe(NOW - 1_000);
  });

  it('times out on schedule-to-close whatever attempt it is at, ending the retries', async () => {
    const waitingForRetry = activityInfo({
      attempt: 2,
      retryAtMs: NOW + 500,
      scheduleToCloseTimeoutMs: 5_000,
    });
    const fired = await fireSeededTimer(withActivity(runningState({ nextEventId: 6 }), waitingForRetry), {
      type: 'activity-timeout',
      timeoutType: 'schedule-to-close',
      scheduledEventId: 5,
      attempt: 1,
    });

    expect(idsAndTypes(fired.events)).toEqual([
      [6, 'ActivityTaskTimedOut'],
      [7, 'WorkflowTaskScheduled'],
    ]);
    const timedOut = fired.events[0]!.activityTaskTimedOutEventAttributes!;
    expect(timedOut.retryState).toBe(RetryState.RETRY_STATE_TIMEOUT);
    expect(timedOut.failure?.timeoutFailureInfo?.timeoutType).toBe(
      TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE,
    );
    expect(fired.state.activities).toEqual({});
  });

  it('dispatches the next attempt when its retry backoff is over, and ignores a stale retry row', async () => {
    const waiting = activityInfo({ attempt: 2, retryAtMs: NOW });
    const state = withActivity(runningState({ nextEventId: 6 }), waiting);

    const due = await fireSeededTimer(state, { type: 'activity-retry', scheduledEventId: 5, attempt: 2 });
    expect(due.store.outbox).toEqual([
      expect.objectContaining({ kind: 'activity', scheduledEventId: 5, attempt: 2 }),
    ]);
    expect(due.state.activities[5]?.retryAtMs).toBeUndefined();

    const stale = await fireSeededTimer(state, { type: 'activity-retry', scheduledEventId: 5, attempt: 1 });
    expect(stale.store.outbox).toEqual([]);
    expect(stale.state.activities[5]?.retryAtMs).toBe(NOW);
  });
});
