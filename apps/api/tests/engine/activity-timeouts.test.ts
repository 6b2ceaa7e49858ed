import { temporal } from '@kairos/proto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common';
import { afterEach, describe, expect, it } from 'vitest';
import { activityFailureOf, fastRetry, runActivityWorkflow } from './support/activity-workflow.ts';
import { deferred } from './support/deferred.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { onlyEventOfType } from './support/history-events.ts';
import type { ActivityCall } from './workflows/activity-calls.ts';

const { TimeoutType } = temporal.api.enums.v1;

describe('activity timeouts', () => {
  const env = useEngineTestEnv();
  // Attempts the server timed out keep hanging in the worker until cancelled or released.
  let release = deferred();
  afterEach(() => {
    release.resolve();
    release = deferred();
  });

  function hangUntilCancelledOrReleased(): Promise<void> {
    return Promise.race([Context.current().cancelled, release.promise]);
  }

  /** runActivityWorkflow, ending hung attempts once the workflow closed so the worker stops at once. */
  function runReleasingHungAttempts(label: string, activities: object, call: ActivityCall) {
    return runActivityWorkflow(env, label, activities, call, () => release.resolve());
  }

  it('times out an attempt after startToCloseTimeout, retries it, then fails with TimeoutFailure', async () => {
    const attempts: number[] = [];
    const run = await runReleasingHungAttempts(
      'activity-start-to-close',
      {
        async hangs() {
          attempts.push(Context.current().info.attempt);
          await hangUntilCancelledOrReleased();
        },
      },
      {
        name: 'hangs',
        options: { startToCloseTimeout: 300, retry: { ...fastRetry, maximumAttempts: 2 } },
      },
    );
    expect(attempts).toEqual([1, 2]);
    const failure = activityFailureOf(run.error);
    expect(failure.retryState).toBe(RetryState.MAXIMUM_ATTEMPTS_REACHED);
    expect(failure.cause).toBeInstanceOf(TimeoutFailure);
    expect((failure.cause as TimeoutFailure).timeoutType).toBe('START_TO_CLOSE');

    const timedOut = onlyEventOfType(run.events, 'ActivityTaskTimedOut').activityTaskTimedOutEventAttributes!;
    expect(timedOut.failure?.timeoutFailureInfo?.timeoutType).toBe(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE);
    expect(timedOut.retryState).toBe(temporal.api.enums.v1.RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
  });

  it('times out after scheduleToCloseTimeout, counted from the first schedule across attempts', async () => {
    const attempts: number[] = [];
    const run = await runReleasingHungAttempts(
      'activity-schedule-to-close',
      {
        async failsThenHangs() {
          const { attempt } = Context.current().info;
          attempts.push(attempt);
          if (attempt === 1) throw ApplicationFailure.create({ message: 'first attempt fails fast' });
          await hangUntilCancelledOrReleased();
        },
      },
      // No startToCloseTimeout: each attempt may run until the overall deadline.
      { name: 'failsThenHangs', options: { scheduleToCloseTimeout: 2000, retry: fastRetry } },
    );
    expect(attempts).toEqual([1, 2]);
    const failure = activityFailureOf(run.error);
    expect(failure.retryState).toBe(RetryState.TIMEOUT);
    expect(failure.cause).toBeInstanceOf(TimeoutFailure);
    expect((failure.cause as TimeoutFailure).timeoutType).toBe('SCHEDULE_TO_CLOSE');
    const timedOut = onlyEventOfType(run.events, 'ActivityTaskTimedOut').activityTaskTimedOutEventAttributes!;
    expect(timedOut.failure?.timeoutFailureInfo?.timeoutType).toBe(
      TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE,
    );
    expect(timedOut.retryState).toBe(temporal.api.enums.v1.RetryState.RETRY_STATE_TIMEOUT);
  });

  it('times out an attempt that stops heartbeating and hands its last details to the next attempt', async () => {
    const detailsSeen: unknown[] = [];
    const run = await runReleasingHungAttempts(
      'activity-heartbeat-timeout',
      {
        async heartbeatsOnce() {
          const { attempt, heartbeatDetails } = Context.current().info;
          detailsSeen.push(heartbeatDetails);
          if (attempt > 1) return `resumed from ${String(heartbeatDetails)}`;
          Context.current().heartbeat('progress at 40%');
          await hangUntilCancelledOrReleased();
        },
      },
      {
        name: 'heartbeatsOnce',
        options: {
          startToCloseTimeout: '20s',
          heartbeatTimeout: 500,
          retry: { ...fastRetry, maximumAttempts: 3 },
        },
      },
    );
    expect(run.value).toBe('resumed from progress at 40%');
    expect(detailsSeen).toEqual([undefined, 'progress at 40%']);
    const started = onlyEventOfType(run.events, 'ActivityTaskStarted').activityTaskStartedEventAttributes!;
    expect(started.attempt).toBe(2);
    expect(started.lastFailure?.timeoutFailureInfo?.timeoutType).toBe(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
  });
});
