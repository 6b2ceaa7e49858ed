import { int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  STICKY_QUEUE,
  TASK_QUEUE,
  idsAndTypes,
  mutationOf,
  runningState,
  startedTask,
  stateWithStartedTask,
} from '../../tests/support/execution-fixture.ts';
import { failInFlightTaskForClose, failWorkflowTask } from './workflow-task.ts';

const { TimeoutType, WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;
const sticky = { taskQueue: STICKY_QUEUE, scheduleToStartTimeoutMs: 5_000 };
/** Attempt 2, transient, started: the poller was told its Scheduled/Started are events 9 and 10. */
const retryInFlight = runningState({
  nextEventId: 9,
  workflowTask: startedTask(9, { attempt: 2, transient: true }),
});

describe('failWorkflowTask', () => {
  const failed = {
    kind: 'failed' as const,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE,
    failure: { message: 'boom' },
    identity: 'worker-1',
  };

  it('records the first attempt as WorkflowTaskFailed and schedules attempt 2 transient on the normal queue', () => {
    const mutation = mutationOf(
      stateWithStartedTask({
        sticky,
        workflowTask: startedTask(2, { taskQueue: STICKY_QUEUE, taskQueueKind: 'sticky' }),
      }),
    );

    failWorkflowTask(mutation, failed);

    expect(idsAndTypes(mutation.events)).toEqual([[4, 'WorkflowTaskFailed']]);
    const attributes = mutation.events[0]!.workflowTaskFailedEventAttributes!;
    expect(attributes).toMatchObject({
      cause: failed.cause,
      identity: 'worker-1',
      failure: { message: 'boom' },
    });
    expect(int64ToNumber(attributes.scheduledEventId)).toBe(2);
    expect(int64ToNumber(attributes.startedEventId)).toBe(3);
    expect(mutation.state.sticky).toBeUndefined();
    expect(mutation.state.workflowTask).toMatchObject({
      scheduledEventId: 5,
      attempt: 2,
      transient: true,
      taskQueueKind: 'normal',
    });
    expect(mutation.tasks).toEqual([
      expect.objectContaining({ taskQueue: TASK_QUEUE, scheduledEventId: 5, attempt: 2 }),
    ]);
  });

  it('records a first-attempt timeout as WorkflowTaskTimedOut (start-to-close)', () => {
    const mutation = mutationOf(stateWithStartedTask());

    failWorkflowTask(mutation, { kind: 'timed-out' });

    expect(idsAndTypes(mutation.events)).toEqual([[4, 'WorkflowTaskTimedOut']]);
    expect(mutation.events[0]!.workflowTaskTimedOutEventAttributes?.timeoutType).toBe(
      TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
    );
  });

  it('writes nothing for a failing retry and schedules the next attempt under the same event id', () => {
    const mutation = mutationOf(retryInFlight);

    failWorkflowTask(mutation, failed);

    expect(mutation.events).toEqual([]);
    expect(mutation.state.workflowTask).toMatchObject({ scheduledEventId: 9, attempt: 3, transient: true });
    expect(mutation.changed).toBe(true);
  });

  it('appends what arrived during the task after the failure, before the retry', () => {
    const buffering = mutationOf(stateWithStartedTask());
    buffering.appendExternal(buffering.event('workflowExecutionSignaled', { signalName: 'meanwhile' }));
    const mutation = mutationOf(buffering.state);

    failWorkflowTask(mutation, failed);

    expect(idsAndTypes(mutation.events)).toEqual([
      [4, 'WorkflowTaskFailed'],
      [5, 'WorkflowExecutionSignaled'],
    ]);
    expect(mutation.state.workflowTask).toMatchObject({ scheduledEventId: 6, attempt: 2 });
  });
});

describe('failInFlightTaskForClose', () => {
  it('fails a started task with FORCE_CLOSE_COMMAND and flushes the buffer', () => {
    const buffering = mutationOf(stateWithStartedTask());
    buffering.appendExternal(buffering.event('workflowExecutionSignaled', { signalName: 'late' }));
    const mutation = mutationOf(buffering.state);

    failInFlightTaskForClose(mutation);

    expect(idsAndTypes(mutation.events)).toEqual([
      [4, 'WorkflowTaskFailed'],
      [5, 'WorkflowExecutionSignaled'],
    ]);
    expect(mutation.events[0]!.workflowTaskFailedEventAttributes?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_FORCE_CLOSE_COMMAND,
    );
    expect(mutation.state.workflowTask).toBeUndefined();
  });

  it('writes nothing for a transient task', () => {
    const mutation = mutationOf(retryInFlight);

    failInFlightTaskForClose(mutation);

    expect(mutation.events).toEqual([]);
    expect(mutation.state.workflowTask).toBeUndefined();
  });
});
