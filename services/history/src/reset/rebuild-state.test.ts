import { FailedPrecondition, InvalidArgument } from '@kairos/errors';
import { int64, msToDuration } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { encodedSearchAttributes } from '../state/encoded.ts';
import { rebuildState } from './rebuild-state.ts';
import { SampleHistory } from './sample-history.ts';

const NOW = 1_900_000_000_000;
const run = {
  namespaceId: 'ns-1',
  workflowId: 'order-1',
  runId: 'reset-run',
  requestId: 'reset-req',
  now: NOW,
};

describe('rebuilding mutable state from a run history', () => {
  it('keeps what is pending at the end of the events and drops what finished before it', () => {
    const history = new SampleHistory();
    history.started({ workflowRunTimeout: msToDuration(3_600_000) });
    const first = history.completedTask();
    const done = history.activity(first, 'done');
    const waiting = history.activity(first, 'waiting');
    const timer = history.add('timerStarted', {
      timerId: 't1',
      startToFireTimeout: msToDuration(30_000),
      workflowTaskCompletedEventId: int64(first),
    });
    history.add('timerStarted', { timerId: 't2', startToFireTimeout: msToDuration(1_000) });
    history.add('timerFired', { timerId: 't2', startedEventId: int64(timer + 1) });
    history.activityCompleted(done);
    const scheduled = history.add('workflowTaskScheduled', { taskQueue: { name: 'sticky-q' }, attempt: 1 });
    const started = history.add('workflowTaskStarted', {
      scheduledEventId: int64(scheduled),
      identity: 'w2',
    });

    const state = rebuildState(history.events, run);

    expect(state).toMatchObject({
      runId: 'reset-run',
      firstExecutionRunId: 'first-run',
      workflowType: 'orderWorkflow',
      taskQueue: 'orders',
      status: 'running',
      startTimeMs: NOW,
      runTimeoutMs: 3_600_000,
      startRequestId: 'reset-req',
      nextEventId: started + 1,
      lastCompletedWorkflowTaskStartedEventId: first - 1,
    });
    expect(Object.keys(state.activities)).toEqual([String(waiting)]);
    expect(state.activities[waiting]).toMatchObject({
      activityId: 'waiting',
      taskQueue: 'payments',
      attempt: 1,
      startToCloseTimeoutMs: 5_000,
      scheduleToCloseTimeoutMs: 60_000,
      cancelRequested: false,
    });
    expect(state.timers).toEqual({
      t1: { timerId: 't1', startedEventId: timer, fireAtMs: history.timeOf(timer) + 30_000 },
    });
    // The task in flight at the end, on the normal queue (the new run has no sticky worker).
    expect(state.workflowTask).toMatchObject({
      scheduledEventId: scheduled,
      startedEventId: started,
      taskQueue: 'orders',
      taskQueueKind: 'normal',
    });
    expect(state.historySizeBytes).toBeGreaterThan(0);
  });

  it('applies search attribute upserts and cancel requests recorded before the point', () => {
    const history = new SampleHistory();
    history.started();
    const completed = history.completedTask();
    const value = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"gold"') };
    history.add('upsertWorkflowSearchAttributes', {
      searchAttributes: { indexedFields: { Tier: value } },
      workflowTaskCompletedEventId: int64(completed),
    });
    history.add('workflowExecutionCancelRequested', { cause: 'user' });

    const state = rebuildState(history.events, run);

    const fields = encodedSearchAttributes.decode(state.searchAttributes)?.indexedFields ?? {};
    expect(Buffer.from(fields.Tier?.data ?? []).toString()).toBe('"gold"');
    expect(state.cancelRequested).toBe(true);
  });

  it('refuses a child still running at the point, as Temporal does, but not one that closed before it', () => {
    const history = new SampleHistory();
    history.started();
    const completed = history.completedTask();
    const initiated = history.add('startChildWorkflowExecutionInitiated', {
      workflowId: 'child-1',
      workflowTaskCompletedEventId: int64(completed),
    });
    expect(() => rebuildState(history.events, run)).toThrow(InvalidArgument);
    history.add('childWorkflowExecutionCompleted', { initiatedEventId: int64(initiated) });
    expect(() => rebuildState(history.events, run)).not.toThrow();
  });

  it('remembers updates finished before the reset point, so a retried update id is not run again', () => {
    const history = new SampleHistory();
    history.started();
    history.completedTask();
    const accepted = history.add('workflowExecutionUpdateAccepted', { protocolInstanceId: 'update-1' });
    const completed = history.add('workflowExecutionUpdateCompleted', {
      meta: { updateId: 'update-1' },
      acceptedEventId: int64(accepted),
    });
    const state = rebuildState(history.events, run);
    expect(state.updates?.['update-1']).toMatchObject({
      stage: 'completed',
      acceptedEventId: accepted,
      completedEventId: completed,
    });
  });

  it('refuses event types it cannot rebuild and histories with gaps', () => {
    const history = new SampleHistory();
    history.started();
    history.completedTask();
    history.add('nexusOperationScheduled', { endpoint: 'e', service: 's', operation: 'o' });
    expect(() => rebuildState(history.events, run)).toThrow(/NexusOperationScheduled/);

    const gapped = new SampleHistory();
    gapped.started();
    gapped.completedTask();
    const events = gapped.events.filter((_event, index) => index !== 1);
    expect(() => rebuildState(events, run)).toThrow(FailedPrecondition);
  });
});
