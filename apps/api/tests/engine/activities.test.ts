import { randomUUID } from 'node:crypto';
import { durationToMs, temporal } from '@kairos/proto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { activityFailureOf, fastRetry, runActivityWorkflow } from './support/activity-workflow.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType, eventTypes, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { runLocalActivity } from './workflows/activity-calls.ts';

describe('activities: results, retries and failures', () => {
  const env = useEngineTestEnv();

  it('returns the activity result to the workflow and records it in history', async () => {
    const run = await runActivityWorkflow(
      env,
      'activity-result',
      { greet: async (name: string) => `hello ${name}` },
      { name: 'greet', args: ['kairos'], options: { startToCloseTimeout: '10s' } },
    );
    expect(run.value).toBe('hello kairos');
    const scheduled = onlyEventOfType(
      run.events,
      'ActivityTaskScheduled',
    ).activityTaskScheduledEventAttributes!;
    expect(scheduled.activityType?.name).toBe('greet');
    expect(durationToMs(scheduled.startToCloseTimeout)).toBe(10_000);
    expect(decodePayloads(scheduled.input)).toEqual(['kairos']);
    expect(
      onlyEventOfType(run.events, 'ActivityTaskStarted').activityTaskStartedEventAttributes?.attempt,
    ).toBe(1);
    const completed = onlyEventOfType(
      run.events,
      'ActivityTaskCompleted',
    ).activityTaskCompletedEventAttributes!;
    expect(decodePayloads(completed.result)).toEqual(['hello kairos']);
  });

  it('retries a failing activity under its retry policy, recording only the final attempt', async () => {
    const attempts: number[] = [];
    const run = await runActivityWorkflow(
      env,
      'activity-retry',
      {
        async flaky() {
          const { attempt } = Context.current().info;
          attempts.push(attempt);
          if (attempt < 3) throw ApplicationFailure.create({ message: `attempt ${attempt} failed` });
          return `succeeded on attempt ${attempt}`;
        },
      },
      { name: 'flaky', options: { startToCloseTimeout: '10s', retry: { ...fastRetry, maximumAttempts: 5 } } },
    );
    expect(run.value).toBe('succeeded on attempt 3');
    expect(attempts).toEqual([1, 2, 3]);
    expect(eventTypes(run.events).filter((type) => type.startsWith('ActivityTask'))).toEqual([
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
    ]);
    const started = onlyEventOfType(run.events, 'ActivityTaskStarted').activityTaskStartedEventAttributes!;
    expect(started.attempt).toBe(3);
    expect(started.lastFailure?.message).toBe('attempt 2 failed');
  });

  it('fails the workflow with ActivityFailure(ApplicationFailure) once maximumAttempts are spent', async () => {
    const attempts: number[] = [];
    const run = await runActivityWorkflow(
      env,
      'activity-exhausted',
      {
        async alwaysFails() {
          attempts.push(Context.current().info.attempt);
          throw ApplicationFailure.create({ message: 'always fails', type: 'EngineTestError' });
        },
      },
      {
        name: 'alwaysFails',
        options: { startToCloseTimeout: '10s', retry: { ...fastRetry, maximumAttempts: 3 } },
      },
    );
    expect(attempts).toEqual([1, 2, 3]);
    const failure = activityFailureOf(run.error);
    expect(failure.activityType).toBe('alwaysFails');
    expect(failure.retryState).toBe(RetryState.MAXIMUM_ATTEMPTS_REACHED);
    expect(failure.cause).toBeInstanceOf(ApplicationFailure);
    expect((failure.cause as ApplicationFailure).type).toBe('EngineTestError');
    expect(failure.cause?.message).toBe('always fails');

    const failed = onlyEventOfType(run.events, 'ActivityTaskFailed').activityTaskFailedEventAttributes!;
    expect(failed.retryState).toBe(temporal.api.enums.v1.RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
    expect(failed.failure?.message).toBe('always fails');
    expect(
      onlyEventOfType(run.events, 'ActivityTaskStarted').activityTaskStartedEventAttributes?.attempt,
    ).toBe(3);
  });

  it.each([
    ['an error type listed in nonRetryableErrorTypes', 'Fatal', false],
    ['an ApplicationFailure marked non-retryable', 'Transient', true],
  ])('does not retry %s', async (_label, type, nonRetryable) => {
    const attempts: number[] = [];
    const run = await runActivityWorkflow(
      env,
      'activity-non-retryable',
      {
        async fails() {
          attempts.push(Context.current().info.attempt);
          throw ApplicationFailure.create({ message: `${type} failure`, type, nonRetryable });
        },
      },
      {
        name: 'fails',
        options: {
          startToCloseTimeout: '10s',
          retry: { ...fastRetry, maximumAttempts: 5, nonRetryableErrorTypes: ['Fatal'] },
        },
      },
    );
    expect(attempts).toEqual([1]);
    const failure = activityFailureOf(run.error);
    expect(failure.retryState).toBe(RetryState.NON_RETRYABLE_FAILURE);
    expect((failure.cause as ApplicationFailure).type).toBe(type);
    expect(
      onlyEventOfType(run.events, 'ActivityTaskFailed').activityTaskFailedEventAttributes?.retryState,
    ).toBe(temporal.api.enums.v1.RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
  });

  it('runs a local activity and records its result as a marker, without an activity task', async () => {
    const taskQueue = env.taskQueue('local-activity');
    let calls = 0;
    const activities = {
      async shout(word: string) {
        calls++;
        return word.toUpperCase();
      },
    };
    await env.runWorker({ taskQueue, activities }, async () => {
      const handle = await env.client.workflow.start(runLocalActivity, {
        taskQueue,
        workflowId: `local-activity-${randomUUID()}`,
        args: [{ name: 'shout', args: ['quiet'], options: { startToCloseTimeout: '10s' } }],
      });
      expect(await handle.result()).toBe('QUIET');
      const events = (await handle.fetchHistory()).events;
      expect(calls).toBe(1);
      expect(eventsOfType(events, 'ActivityTaskScheduled')).toHaveLength(0);
      const marker = onlyEventOfType(events, 'MarkerRecorded').markerRecordedEventAttributes!;
      expect(marker.markerName).toBe('core_local_activity');
    });
  });
});
