import { int64ToNumber } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  activityInfo,
  activityMutation,
  eventOfType,
  idsAndTypes,
  mutationOf,
  startedActivity,
  stateWithStartedTask,
  withActivity,
} from '../../tests/support/execution-fixture.ts';
import {
  cancelActivity,
  completeActivity,
  dispatchActivity,
  retryActivity,
  startActivity,
} from './activity.ts';

const poller = { identity: 'activity-worker', pollRequestId: 'activity-poll-9' };

describe('dispatching and starting an activity', () => {
  it('publishes the attempt and arms schedule-to-start when the activity has one', () => {
    const { mutation, activity } = activityMutation(activityInfo({ scheduleToStartTimeoutMs: 4_000 }));

    dispatchActivity(mutation, activity);

    expect(mutation.tasks).toEqual([
      expect.objectContaining({
        kind: 'activity',
        taskQueue: 'orders',
        scheduledEventId: 5,
        attempt: 1,
        scheduledAtMs: NOW,
      }),
    ]);
    expect(mutation.timers).toEqual([
      {
        fireAtMs: NOW + 4_000,
        payload: {
          type: 'activity-timeout',
          timeoutType: 'schedule-to-start',
          scheduledEventId: 5,
          attempt: 1,
        },
      },
    ]);
  });

  it('arms no timer for an activity without schedule-to-start', () => {
    const { mutation, activity } = activityMutation(activityInfo());
    dispatchActivity(mutation, activity);
    expect(mutation.timers).toEqual([]);
  });

  it('starts without an event, arming start-to-close and heartbeat timeouts for the attempt', () => {
    const { mutation, activity } = activityMutation(
      activityInfo({
        attempt: 2,
        startToCloseTimeoutMs: 30_000,
        heartbeatTimeoutMs: 3_000,
        lastHeartbeatTimeMs: NOW - 1,
      }),
    );

    startActivity(mutation, activity, poller);

    expect(mutation.events).toEqual([]);
    expect(mutation.changed).toBe(true);
    expect(activity).toMatchObject({
      startedTimeMs: NOW,
      startedIdentity: 'activity-worker',
      lastHeartbeatTimeMs: undefined,
    });
    expect(mutation.timers.map((timer) => [timer.fireAtMs, timer.payload])).toEqual([
      [
        NOW + 30_000,
        { type: 'activity-timeout', timeoutType: 'start-to-close', scheduledEventId: 5, attempt: 2 },
      ],
      [NOW + 3_000, { type: 'activity-timeout', timeoutType: 'heartbeat', scheduledEventId: 5, attempt: 2 }],
    ]);
  });
});

describe('closing an activity', () => {
  it('writes the lazy ActivityTaskStarted, then the outcome pointing at it, then a workflow task', () => {
    const { mutation, activity } = activityMutation(startedActivity({ attempt: 2 }));

    completeActivity(mutation, activity, { payloads: [{ data: Buffer.from('"ok"') }] }, 'activity-worker');

    expect(idsAndTypes(mutation.events)).toEqual([
      [6, 'ActivityTaskStarted'],
      [7, 'ActivityTaskCompleted'],
      [8, 'WorkflowTaskScheduled'],
    ]);
    expect(mutation.events[0]!.activityTaskStartedEventAttributes).toMatchObject({
      attempt: 2,
      identity: 'activity-worker',
      requestId: 'activity-poll-1',
    });
    const completed = mutation.events[1]!.activityTaskCompletedEventAttributes!;
    expect(int64ToNumber(completed.startedEventId)).toBe(6);
    expect(int64ToNumber(completed.scheduledEventId)).toBe(5);
    expect(mutation.state.activities).toEqual({});
  });

  it('buffers Started and the outcome while a workflow task runs; the flush links them', () => {
    const running = mutationOf(withActivity(stateWithStartedTask({ nextEventId: 6 }), startedActivity()));

    completeActivity(running, running.state.activities[5]!, null, 'activity-worker');

    expect(running.events).toEqual([]);
    expect(running.state.bufferedEvents).toHaveLength(2);
    expect(running.tasks).toEqual([]);
    const afterTask = mutationOf({ ...running.state, workflowTask: undefined, nextEventId: 8 });
    afterTask.flushBufferedEvents();
    expect(idsAndTypes(afterTask.events)).toEqual([
      [8, 'ActivityTaskStarted'],
      [9, 'ActivityTaskCompleted'],
    ]);
    expect(int64ToNumber(afterTask.events[1]!.activityTaskCompletedEventAttributes!.startedEventId)).toBe(8);
  });

  it('links the outcome to ActivityTaskStarted when a scheduled transient workflow task is written first', () => {
    const retryingTask = {
      scheduledEventId: 6,
      attempt: 2,
      transient: true,
      scheduledTimeMs: NOW - 100,
      taskQueue: 'orders',
      taskQueueKind: 'normal' as const,
      startToCloseTimeoutMs: 10_000,
    };
    const { mutation, activity } = activityMutation(startedActivity(), { workflowTask: retryingTask });

    completeActivity(mutation, activity, null, 'activity-worker');

    expect(idsAndTypes(mutation.events)).toEqual([
      [6, 'WorkflowTaskScheduled'],
      [7, 'ActivityTaskStarted'],
      [8, 'ActivityTaskCompleted'],
    ]);
    expect(int64ToNumber(mutation.events[2]!.activityTaskCompletedEventAttributes!.startedEventId)).toBe(7);
  });

  it('cancels a started activity with Started and Canceled naming the cancel request', () => {
    const { mutation, activity } = activityMutation(
      startedActivity({ cancelRequested: true, cancelRequestedEventId: 9 }),
      {
        nextEventId: 10,
      },
    );

    cancelActivity(mutation, activity, null, 'activity-worker');

    const canceled = eventOfType(
      mutation.events,
      'ActivityTaskCanceled',
    ).activityTaskCanceledEventAttributes!;
    expect(int64ToNumber(canceled.latestCancelRequestedEventId)).toBe(9);
    expect(int64ToNumber(canceled.startedEventId)).toBe(10);
  });
});

describe('retryActivity', () => {
  it('makes the waiting attempt ready: published again with its own schedule-to-start timer', () => {
    const { mutation, activity } = activityMutation(
      activityInfo({ attempt: 2, retryAtMs: NOW, scheduleToStartTimeoutMs: 4_000 }),
    );

    retryActivity(mutation, activity);

    expect(activity).toMatchObject({ retryAtMs: undefined, currentAttemptScheduledTimeMs: NOW });
    expect(mutation.tasks).toEqual([
      expect.objectContaining({ kind: 'activity', scheduledEventId: 5, attempt: 2 }),
    ]);
    expect(mutation.timers.map((timer) => timer.payload)).toEqual([
      { type: 'activity-timeout', timeoutType: 'schedule-to-start', scheduledEventId: 5, attempt: 2 },
    ]);
  });
});
