import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NAMESPACE_ID,
  RUN_ID,
  WORKFLOW_ID,
  idsAndTypes,
  mutationOf,
  runningState,
  stateWithStartedTask,
  typeName,
} from '../../tests/support/execution-fixture.ts';
import { pendingChildExecutionsLimit } from '../rules/limits.ts';
import { encodeEvent } from '../state/execution-mutation.ts';
import type { MutableState, PendingChild } from '../state/mutable-state.ts';
import { completeRun } from '../transitions/close-run.ts';
import { terminateRun } from '../transitions/terminate-run.ts';
import { startChildWorkflowExecution } from './child-commands.ts';
import { applyParentClosePolicy } from './external-workflow.ts';
import { recordChildClosed, recordChildStarted, recordChildStartFailed } from './record-child-outcome.ts';

const namespace = { id: NAMESPACE_ID, name: 'default' };
const CHILD_RUN = '7c0e2f4a-9b1d-4e3a-8c5f-000000000001';
const PARENT = { workflowId: 'parent-1', runId: '7c0e2f4a-9b1d-4e3a-8c5f-000000000002' };

function pendingChild(overrides: Partial<PendingChild> = {}): PendingChild {
  return {
    initiatedEventId: 5,
    workflowTaskCompletedEventId: 4,
    namespaceId: NAMESPACE_ID,
    namespace: 'default',
    workflowId: 'child-1',
    workflowType: 'ShipOrder',
    parentClosePolicy: 'terminate',
    ...overrides,
  };
}

function parentWaiting(child: PendingChild = pendingChild(), overrides: Partial<MutableState> = {}) {
  return runningState({ nextEventId: 6, pendingChildren: { [child.initiatedEventId]: child }, ...overrides });
}

const base = {
  namespaceId: NAMESPACE_ID,
  namespace: 'default',
  target: { workflowId: WORKFLOW_ID, runId: RUN_ID },
};

function closeEventOf(kind: 'workflowExecutionCompleted' | 'workflowExecutionFailed', attributes: object) {
  const mutation = mutationOf(runningState());
  return encodeEvent(mutation.event(kind, attributes));
}

describe('StartChildWorkflowExecution', () => {
  it('writes Initiated, keeps the child pending and hands the start to a transfer task', () => {
    const mutation = mutationOf(runningState({ nextEventId: 5 }));
    const result = startChildWorkflowExecution(
      { mutation, completedEventId: 4, identity: 'worker', namespace },
      { workflowId: 'child-1', workflowType: { name: 'ShipOrder' }, control: 'c' },
    );
    expect(result).toBeUndefined();
    expect(idsAndTypes(mutation.events)).toEqual([[5, 'StartChildWorkflowExecutionInitiated']]);
    const initiated = mutation.events[0]!.startChildWorkflowExecutionInitiatedEventAttributes!;
    expect(initiated).toMatchObject({ namespace: 'default', workflowId: 'child-1', control: 'c' });
    expect(initiated.taskQueue?.name).toBe('orders');
    expect(mutation.state.pendingChildren?.[5]).toMatchObject({
      workflowId: 'child-1',
      parentClosePolicy: 'terminate',
    });
    expect(mutation.transfers).toMatchObject([
      {
        kind: 'start-child',
        target: { workflowId: 'child-1' },
        initiatedEventId: 5,
        parent: { workflowId: WORKFLOW_ID, runId: RUN_ID },
        root: { workflowId: WORKFLOW_ID, runId: RUN_ID },
      },
    ]);
  });

  it('refuses one child more than the pending-children limit, writing nothing', () => {
    const pendingChildren = Object.fromEntries(
      Array.from({ length: pendingChildExecutionsLimit }, (_, index) => [index + 10, pendingChild()]),
    );
    const mutation = mutationOf(runningState({ nextEventId: 5, pendingChildren }));
    const result = startChildWorkflowExecution(
      { mutation, completedEventId: 4, identity: 'worker', namespace },
      { workflowId: 'one-too-many', workflowType: { name: 'ShipOrder' } },
    );
    expect(result).toMatchObject({
      ok: false,
      cause:
        temporal.api.enums.v1.WorkflowTaskFailedCause
          .WORKFLOW_TASK_FAILED_CAUSE_PENDING_CHILD_WORKFLOWS_LIMIT_EXCEEDED,
    });
    expect(mutation.events).toEqual([]);
    expect(mutation.transfers).toEqual([]);
  });
});

describe("the parent's side", () => {
  it('records the start once and schedules a workflow task', () => {
    const mutation = mutationOf(parentWaiting());
    const task = { ...base, kind: 'child-started' as const, initiatedEventId: 5, childRunId: CHILD_RUN };
    recordChildStarted(mutation, task);
    recordChildStarted(mutation, task);
    expect(idsAndTypes(mutation.events)).toEqual([
      [6, 'ChildWorkflowExecutionStarted'],
      [7, 'WorkflowTaskScheduled'],
    ]);
    expect(mutation.state.pendingChildren?.[5]).toMatchObject({ runId: CHILD_RUN, startedEventId: 6 });
  });

  it('buffers the start while a workflow task runs', () => {
    const mutation = mutationOf({ ...stateWithStartedTask(), pendingChildren: { 5: pendingChild() } });
    recordChildStarted(mutation, {
      ...base,
      kind: 'child-started',
      initiatedEventId: 5,
      childRunId: CHILD_RUN,
    });
    expect(mutation.events).toEqual([]);
    expect(mutation.state.bufferedEvents).toHaveLength(1);
    expect(mutation.state.pendingChildren?.[5]).toMatchObject({ runId: CHILD_RUN, startedEventId: 0 });
  });

  it('gives buffered child events their ids when the buffer is flushed', () => {
    const mutation = mutationOf({ ...stateWithStartedTask(), pendingChildren: { 5: pendingChild() } });
    recordChildStarted(mutation, {
      ...base,
      kind: 'child-started',
      initiatedEventId: 5,
      childRunId: CHILD_RUN,
    });
    recordChildClosed(mutation, {
      ...base,
      kind: 'child-closed',
      initiatedEventId: 5,
      child: { workflowId: 'child-1', runId: CHILD_RUN },
      childFirstRunId: CHILD_RUN,
      closeEvent: closeEventOf('workflowExecutionCompleted', {}),
    });
    expect(mutation.events).toEqual([]);
    mutation.state.workflowTask = undefined;
    mutation.flushBufferedEvents();
    const [started, completed] = mutation.events;
    expect(typeName(started!)).toBe('ChildWorkflowExecutionStarted');
    expect(completed!.childWorkflowExecutionCompletedEventAttributes?.startedEventId).toEqual(
      started!.eventId,
    );
  });

  it('records a failed start (id taken) and forgets the child', () => {
    const mutation = mutationOf(parentWaiting());
    const task = {
      ...base,
      kind: 'child-start-failed' as const,
      initiatedEventId: 5,
      cause: 'workflow-already-exists' as const,
    };
    recordChildStartFailed(mutation, task);
    recordChildStartFailed(mutation, task);
    expect(mutation.events.map(typeName)).toEqual([
      'StartChildWorkflowExecutionFailed',
      'WorkflowTaskScheduled',
    ]);
    expect(mutation.events[0]!.startChildWorkflowExecutionFailedEventAttributes).toMatchObject({
      workflowId: 'child-1',
      cause:
        temporal.api.enums.v1.StartChildWorkflowExecutionFailedCause
          .START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
    });
    expect(mutation.state.pendingChildren).toEqual({});
  });

  it('records a close that overtook the start: Started first, then the outcome, once', () => {
    const mutation = mutationOf(parentWaiting());
    const task = {
      ...base,
      kind: 'child-closed' as const,
      initiatedEventId: 5,
      child: { workflowId: 'child-1', runId: CHILD_RUN },
      childFirstRunId: CHILD_RUN,
      closeEvent: closeEventOf('workflowExecutionFailed', { failure: { message: 'broke' }, retryState: 2 }),
    };
    recordChildClosed(mutation, task);
    recordChildClosed(mutation, task);
    expect(idsAndTypes(mutation.events)).toEqual([
      [6, 'ChildWorkflowExecutionStarted'],
      [7, 'ChildWorkflowExecutionFailed'],
      [8, 'WorkflowTaskScheduled'],
    ]);
    expect(mutation.events[1]!.childWorkflowExecutionFailedEventAttributes).toMatchObject({
      failure: { message: 'broke' },
      retryState: 2,
    });
    expect(mutation.state.pendingChildren).toEqual({});
    // A start outcome arriving after the close finds nothing to do.
    recordChildStarted(mutation, {
      ...base,
      kind: 'child-started',
      initiatedEventId: 5,
      childRunId: CHILD_RUN,
    });
    expect(mutation.events).toHaveLength(3);
  });

  it('ignores outcomes once the parent closed', () => {
    const mutation = mutationOf(parentWaiting(pendingChild(), { status: 'completed' }));
    recordChildStarted(mutation, {
      ...base,
      kind: 'child-started',
      initiatedEventId: 5,
      childRunId: CHILD_RUN,
    });
    expect(mutation.changed).toBe(false);
  });
});

describe("a run's close", () => {
  const child = (overrides: Partial<MutableState> = {}) =>
    runningState({
      nextEventId: 6,
      parent: { ...PARENT, namespaceId: NAMESPACE_ID, namespace: 'default', initiatedEventId: 9 },
      ...overrides,
    });

  it("tells a child's parent, naming the close event", () => {
    const mutation = mutationOf(child());
    completeRun(mutation, { result: null, completedEventId: 5 });
    expect(mutation.transfers).toMatchObject([
      {
        kind: 'child-closed',
        target: PARENT,
        initiatedEventId: 9,
        child: { workflowId: WORKFLOW_ID, runId: RUN_ID },
      },
    ]);
  });

  it('does not tell the parent when the run continues (cron), and the next run stays the child', () => {
    const mutation = mutationOf(child({ cronSchedule: '* * * * *' }));
    completeRun(mutation, { result: null, completedEventId: 5 });
    expect(mutation.transfers).toEqual([]);
    expect(mutation.successor?.state.parent).toMatchObject(PARENT);
    expect(
      mutation.successor?.events[0]?.workflowExecutionStartedEventAttributes?.parentWorkflowExecution,
    ).toMatchObject(PARENT);
  });

  it('applies the parent close policy to open children, except ABANDON', () => {
    const mutation = mutationOf(
      runningState({
        nextEventId: 6,
        pendingChildren: {
          3: pendingChild({ initiatedEventId: 3, workflowId: 'a', parentClosePolicy: 'terminate' }),
          4: pendingChild({ initiatedEventId: 4, workflowId: 'b', parentClosePolicy: 'request-cancel' }),
          5: pendingChild({ initiatedEventId: 5, workflowId: 'c', parentClosePolicy: 'abandon' }),
        },
      }),
    );
    terminateRun(mutation, { reason: 'stop', identity: 'me' });
    expect(mutation.transfers).toMatchObject([
      { kind: 'parent-closed', target: { workflowId: 'a' }, policy: 'terminate', parent: { runId: RUN_ID } },
      { kind: 'parent-closed', target: { workflowId: 'b' }, policy: 'request-cancel' },
    ]);
    expect(mutation.state.pendingChildren).toBeUndefined();
  });

  it("the policy reaches only that parent's child", () => {
    const task = {
      ...base,
      kind: 'parent-closed' as const,
      initiatedEventId: 9,
      policy: 'request-cancel' as const,
      parent: PARENT,
    };
    const stranger = mutationOf(runningState({ nextEventId: 6 }));
    applyParentClosePolicy(stranger, task);
    expect(stranger.changed).toBe(false);
    const mine = mutationOf(child());
    applyParentClosePolicy(mine, task);
    applyParentClosePolicy(mine, task);
    expect(mine.events.map(typeName)).toEqual(['WorkflowExecutionCancelRequested', 'WorkflowTaskScheduled']);
  });
});
