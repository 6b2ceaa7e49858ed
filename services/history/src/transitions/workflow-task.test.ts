import { durationToMs, int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  STICKY_QUEUE,
  TASK_QUEUE,
  WORKFLOW_TASK_TIMEOUT_MS,
  idsAndTypes,
  mutationOf,
  runningState,
  stateWithStartedTask,
} from '../../tests/support/execution-fixture.ts';
import type { MutableState } from '../state/mutable-state.ts';
import {
  ensureWorkflowTask,
  materializeTransientTask,
  scheduleWorkflowTask,
  startWorkflowTask,
  transientEvents,
} from './workflow-task.ts';

const { TaskQueueKind } = temporal.api.enums.v1;
const normalPoll = { identity: 'worker-1', pollRequestId: 'poll-7', taskQueueKind: 'normal' as const };
const stickyPoll = { ...normalPoll, taskQueueKind: 'sticky' as const };
const sticky = { taskQueue: STICKY_QUEUE, scheduleToStartTimeoutMs: 5_000 };

/** Runs `scheduleWorkflowTask(attempt)` and `startWorkflowTask` as two transitions, like history does. */
function scheduledThenStarted(state: MutableState, attempt: number) {
  const scheduling = mutationOf(state);
  scheduleWorkflowTask(scheduling, attempt);
  const starting = mutationOf(scheduling.state, NOW + 100);
  startWorkflowTask(starting, starting.state.workflowTask!, normalPoll);
  return { scheduling, starting };
}

describe('scheduleWorkflowTask', () => {
  it('writes WorkflowTaskScheduled on the normal queue and publishes the task', () => {
    const mutation = mutationOf(runningState());

    const task = scheduleWorkflowTask(mutation);

    expect(idsAndTypes(mutation.events)).toEqual([[2, 'WorkflowTaskScheduled']]);
    const attributes = mutation.events[0]!.workflowTaskScheduledEventAttributes!;
    expect(attributes.taskQueue).toMatchObject({
      name: TASK_QUEUE,
      kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
    });
    expect(attributes.attempt).toBe(1);
    expect(durationToMs(attributes.startToCloseTimeout)).toBe(WORKFLOW_TASK_TIMEOUT_MS);
    expect(task).toMatchObject({
      scheduledEventId: 2,
      attempt: 1,
      transient: false,
      taskQueueKind: 'normal',
    });
    expect(mutation.tasks).toEqual([
      expect.objectContaining({
        kind: 'workflow',
        taskQueue: TASK_QUEUE,
        taskQueueKind: 'normal',
        normalTaskQueue: TASK_QUEUE,
        scheduledEventId: 2,
        attempt: 1,
        scheduledAtMs: NOW,
      }),
    ]);
    expect(mutation.timers).toEqual([]);
  });

  it("uses the worker's sticky queue when it asked for one, with a schedule-to-start timer", () => {
    const mutation = mutationOf(runningState({ sticky }));

    scheduleWorkflowTask(mutation);

    expect(mutation.events[0]!.workflowTaskScheduledEventAttributes!.taskQueue).toMatchObject({
      name: STICKY_QUEUE,
      normalName: TASK_QUEUE,
      kind: TaskQueueKind.TASK_QUEUE_KIND_STICKY,
    });
    expect(mutation.tasks[0]).toMatchObject({
      taskQueue: STICKY_QUEUE,
      taskQueueKind: 'sticky',
      normalTaskQueue: TASK_QUEUE,
    });
    expect(mutation.timers).toEqual([
      {
        fireAtMs: NOW + 5_000,
        payload: {
          type: 'workflow-task-timeout',
          timeoutType: 'sticky-schedule-to-start',
          scheduledEventId: 2,
          attempt: 1,
        },
      },
    ]);
  });

  it('keeps a retry (attempt > 1) transient: no event, the task published under the next event id', () => {
    const mutation = mutationOf(runningState({ nextEventId: 9 }));

    const task = scheduleWorkflowTask(mutation, 2);

    expect(mutation.events).toEqual([]);
    expect(mutation.state.nextEventId).toBe(9);
    expect(task).toMatchObject({ scheduledEventId: 9, attempt: 2, transient: true });
    expect(mutation.tasks[0]).toMatchObject({ scheduledEventId: 9, attempt: 2 });
    expect(mutation.changed).toBe(true);
  });
});

describe('ensureWorkflowTask', () => {
  it('schedules only when none is pending, the run is open and no start delay holds it back', () => {
    const cases: [string, MutableState, number][] = [
      ['idle run', runningState(), 1],
      ['task pending', stateWithStartedTask(), 0],
      ['closed run', runningState({ status: 'completed' }), 0],
      ['start delay', runningState({ firstWorkflowTaskBackoff: true }), 0],
    ];
    for (const [label, state, scheduled] of cases) {
      const mutation = mutationOf(state);
      ensureWorkflowTask(mutation);
      expect(mutation.tasks.length, label).toBe(scheduled);
    }
  });

  it('only notes the wish while commands are being applied', () => {
    const mutation = mutationOf(runningState());
    mutation.workflowTaskDeferred = true;

    ensureWorkflowTask(mutation);

    expect(mutation.workflowTaskWanted).toBe(true);
    expect(mutation.state.workflowTask).toBeUndefined();
    expect(mutation.events).toEqual([]);
  });
});

describe('startWorkflowTask', () => {
  it('writes WorkflowTaskStarted and arms the start-to-close timeout', () => {
    const { starting } = scheduledThenStarted(runningState(), 1);

    expect(idsAndTypes(starting.events)).toEqual([[3, 'WorkflowTaskStarted']]);
    expect(starting.events[0]!.workflowTaskStartedEventAttributes).toMatchObject({
      identity: 'worker-1',
      requestId: 'poll-7',
    });
    expect(int64ToNumber(starting.events[0]!.workflowTaskStartedEventAttributes!.scheduledEventId)).toBe(2);
    expect(starting.state.workflowTask).toMatchObject({ startedEventId: 3, startedTimeMs: NOW + 100 });
    expect(starting.timers).toEqual([
      {
        fireAtMs: NOW + 100 + WORKFLOW_TASK_TIMEOUT_MS,
        payload: {
          type: 'workflow-task-timeout',
          timeoutType: 'start-to-close',
          scheduledEventId: 2,
          attempt: 1,
        },
      },
    ]);
  });

  it('drops stickiness when a normal-queue poller took the task, keeps it for a sticky poller', () => {
    for (const [poll, kept] of [
      [normalPoll, false],
      [stickyPoll, true],
    ] as const) {
      const scheduling = mutationOf(runningState({ sticky }));
      scheduleWorkflowTask(scheduling);
      const starting = mutationOf(scheduling.state);
      startWorkflowTask(starting, starting.state.workflowTask!, poll);
      expect(starting.state.sticky !== undefined, poll.taskQueueKind).toBe(kept);
    }
  });

  it('starts a transient task without events; transientEvents gives its Scheduled and Started', () => {
    const { starting } = scheduledThenStarted(runningState({ nextEventId: 9 }), 2);
    const task = starting.state.workflowTask!;

    expect(starting.events).toEqual([]);
    expect(starting.state.nextEventId).toBe(9);
    expect(task).toMatchObject({ scheduledEventId: 9, startedEventId: 10, transient: true });
    const transient = transientEvents(starting, task);
    expect(idsAndTypes(transient)).toEqual([
      [9, 'WorkflowTaskScheduled'],
      [10, 'WorkflowTaskStarted'],
    ]);
    expect(transient[0]!.workflowTaskScheduledEventAttributes?.attempt).toBe(2);
    expect(transient[1]!.workflowTaskStartedEventAttributes).toMatchObject({
      identity: 'worker-1',
      requestId: 'poll-7',
    });
    expect(int64ToNumber(transient[1]!.workflowTaskStartedEventAttributes!.scheduledEventId)).toBe(9);
  });

  it('answers no transient events for a normal task or one not started yet', () => {
    const { starting } = scheduledThenStarted(runningState(), 1);
    expect(transientEvents(starting, starting.state.workflowTask!)).toEqual([]);

    const notStarted = mutationOf(runningState());
    expect(transientEvents(notStarted, scheduleWorkflowTask(notStarted, 2))).toEqual([]);
  });

  it('writes a transient task for real once another event arrives before it starts', () => {
    const scheduling = mutationOf(runningState({ nextEventId: 9 }));
    scheduleWorkflowTask(scheduling, 2);
    const signaled = mutationOf(scheduling.state);
    signaled.appendExternal(signaled.event('workflowExecutionSignaled', { signalName: 'go' }));
    const starting = mutationOf(signaled.state);
    startWorkflowTask(starting, starting.state.workflowTask!, normalPoll);

    expect(idsAndTypes([...signaled.events, ...starting.events])).toEqual([
      [9, 'WorkflowTaskScheduled'],
      [10, 'WorkflowExecutionSignaled'],
      [11, 'WorkflowTaskStarted'],
    ]);
    expect(transientEvents(starting, starting.state.workflowTask!)).toEqual([]);
  });

  it('materializeTransientTask writes the transient pair with the ids the poller saw', () => {
    const { starting } = scheduledThenStarted(runningState({ nextEventId: 9 }), 2);
    const completing = mutationOf(starting.state);
    const task = completing.state.workflowTask!;

    materializeTransientTask(completing, task);

    expect(idsAndTypes(completing.events)).toEqual([
      [9, 'WorkflowTaskScheduled'],
      [10, 'WorkflowTaskStarted'],
    ]);
    expect(task.transient).toBe(false);
    expect(completing.state.nextEventId).toBe(11);
  });
});
