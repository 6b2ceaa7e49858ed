import { InvalidArgument } from '@kairos/errors';
import { int64, int64ToNumber, msToDuration, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import type { MutableState } from '../state/mutable-state.ts';
import { eventTypeName } from './rebuild-state.ts';
import { eventsBeforeResetPoint } from './reset-point.ts';
import { resetRun, type ResetRunInput } from './reset-run.ts';
import { SampleHistory } from './sample-history.ts';

const NOW = 1_900_000_000_000;
const { WorkflowTaskFailedCause } = temporal.api.enums.v1;

function baseState(overrides: Partial<MutableState> = {}): MutableState {
  return {
    namespaceId: 'ns-1',
    workflowId: 'order-1',
    runId: 'base-run',
    firstExecutionRunId: 'first-run',
    workflowType: 'orderWorkflow',
    taskQueue: 'orders',
    status: 'failed',
    startTimeMs: 1_800_000_000_000,
    executionTimeMs: 1_800_000_000_000,
    workflowTaskTimeoutMs: 10_000,
    startRequestId: 'start-req',
    nextEventId: 40,
    lastCompletedWorkflowTaskStartedEventId: 0,
    firstWorkflowTaskBackoff: false,
    activities: {},
    timers: {},
    bufferedEvents: [],
    cancelRequested: false,
    appliedRequestIds: [],
    historySizeBytes: 0,
    stateTransitionCount: 9,
    ...overrides,
  };
}

/** A run with an activity done and one pending, a pending timer, then a second task. */
function sampleRun() {
  const history = new SampleHistory();
  history.started({ workflowRunTimeout: msToDuration(60_000) });
  const first = history.completedTask();
  const done = history.activity(first, 'done');
  const pending = history.activity(first, 'pending');
  history.add('timerStarted', { timerId: 't1', startToFireTimeout: msToDuration(30_000) });
  history.activityCompleted(done);
  const point = history.completedTask();
  const late = history.signal('late');
  return { history, point, pending, late };
}

function input(overrides: Partial<ResetRunInput> & Pick<ResetRunInput, 'copiedEvents'>): ResetRunInput {
  return {
    base: baseState(),
    reapplied: [],
    newRunId: 'new-run',
    requestId: 'reset-req',
    reason: 'fix the bug',
    now: NOW,
    ...overrides,
  };
}

describe('the first write of a reset run', () => {
  it('copies the history, fails the task at the point with RESET_WORKFLOW, reapplies signals, schedules a task', () => {
    const { history, point, late } = sampleRun();
    const copiedEvents = eventsBeforeResetPoint(history.events, point);
    const mutation = resetRun(input({ copiedEvents, reapplied: [history.events[late - 1]!] }));

    const types = mutation.events.map(eventTypeName);
    expect(types.slice(0, point - 1)).toEqual(history.events.slice(0, point - 1).map(eventTypeName));
    expect(types.slice(point - 1)).toEqual([
      'WorkflowTaskFailed',
      'WorkflowExecutionSignaled',
      'WorkflowTaskScheduled',
    ]);
    expect(mutation.events.map((event) => int64ToNumber(event.eventId))).toEqual(
      mutation.events.map((_event, index) => index + 1),
    );
    const failed = mutation.events[point - 1]!.workflowTaskFailedEventAttributes!;
    expect(failed).toMatchObject({
      cause: WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
      failure: { message: 'fix the bug', resetWorkflowFailureInfo: {} },
      identity: 'history-service',
      baseRunId: 'base-run',
      newRunId: 'new-run',
    });
    expect(int64ToNumber(failed.startedEventId)).toBe(point - 1);
    expect(mutation.events[point]!.workflowExecutionSignaledEventAttributes?.signalName).toBe('late');
    expect(mutation.state).toMatchObject({
      runId: 'new-run',
      status: 'running',
      nextEventId: point + 3,
      startRequestId: 'reset-req',
      originalStartTimeMs: 1_800_000_000_000,
      lastResetTimeMs: NOW,
      workflowTask: { scheduledEventId: point + 2, taskQueueKind: 'normal', attempt: 1 },
    });
  });

  it('arms again the activity and timer pending at the point, and the run timeout from now', () => {
    const { history, point, pending } = sampleRun();
    const mutation = resetRun(input({ copiedEvents: eventsBeforeResetPoint(history.events, point) }));

    expect(mutation.tasks).toEqual([
      expect.objectContaining({
        kind: 'activity',
        runId: 'new-run',
        scheduledEventId: pending,
        taskQueue: 'payments',
      }),
      expect.objectContaining({
        kind: 'workflow',
        runId: 'new-run',
        scheduledEventId: point + 1,
        taskQueue: 'orders',
      }),
    ]);
    expect(mutation.timers.map((timer) => timer.payload.type).sort()).toEqual([
      'activity-timeout',
      'user-timer',
      'workflow-run-timeout',
    ]);
    expect(mutation.timers.find((timer) => timer.payload.type === 'workflow-run-timeout')?.fireAtMs).toBe(
      NOW + 60_000,
    );
    expect(Object.keys(mutation.state.activities)).toEqual([String(pending)]);
  });

  it('starts the task itself when the point is its Started event, keeping the base run links', () => {
    const { history, point } = sampleRun();
    const startedId = point - 1;
    const base = baseState({
      appliedRequestIds: ['signal-req-1'],
      parent: {
        namespaceId: 'ns-1',
        namespace: 'default',
        workflowId: 'p',
        runId: 'pr',
        initiatedEventId: 5,
      },
    });
    const mutation = resetRun(
      input({ base, copiedEvents: eventsBeforeResetPoint(history.events, startedId) }),
    );

    const added = mutation.events.slice(startedId - 1);
    expect(added.map(eventTypeName)).toEqual([
      'WorkflowTaskStarted',
      'WorkflowTaskFailed',
      'WorkflowTaskScheduled',
    ]);
    expect(added[0]!.workflowTaskStartedEventAttributes).toMatchObject({
      scheduledEventId: int64(startedId - 1),
      identity: 'history-service',
    });
    expect(int64ToNumber(added[1]!.workflowTaskFailedEventAttributes?.startedEventId)).toBe(startedId);
    expect(mutation.state.parent?.workflowId).toBe('p');
    expect(mutation.state.appliedRequestIds).toEqual(['signal-req-1']);
  });

  it('refuses a point where no workflow task is in flight', () => {
    const { history, point } = sampleRun();
    // Events up to and including the completed task: nothing in flight at their end.
    const copiedEvents = history.events.slice(0, point);
    expect(() => resetRun(input({ copiedEvents }))).toThrow(InvalidArgument);
  });
});
