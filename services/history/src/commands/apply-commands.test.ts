import { int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  activityInfo,
  idsAndTypes,
  mutationOf,
  runningState,
  startedActivity,
  withActivity,
} from '../../tests/support/execution-fixture.ts';
import {
  cancelTimer,
  completeWorkflow,
  requestCancelActivity,
  scheduleActivity,
  startTimer,
} from '../../tests/support/commands.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { applyCommands } from './apply-commands.ts';

const { CommandType, WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;
type ICommand = temporal.api.command.v1.ICommand;

/** Event 4 is the WorkflowTaskCompleted the commands answer to; their events start at 5. */
function apply(commands: ICommand[], state: MutableState = runningState({ nextEventId: 5 })) {
  const mutation = mutationOf(state);
  mutation.workflowTaskDeferred = true;
  const rejection = applyCommands({ mutation, completedEventId: 4, identity: 'worker-1' }, commands);
  return { mutation, rejection };
}

describe('applyCommands', () => {
  it('turns StartTimer into TimerStarted, a pending timer and a durable timer row', () => {
    const { mutation, rejection } = apply([startTimer('reminder', 30_000)]);

    expect(rejection).toBeUndefined();
    expect(idsAndTypes(mutation.events)).toEqual([[5, 'TimerStarted']]);
    const started = mutation.events[0]!.timerStartedEventAttributes!;
    expect(started.timerId).toBe('reminder');
    expect(int64ToNumber(started.workflowTaskCompletedEventId)).toBe(4);
    expect(mutation.state.timers).toEqual({
      reminder: { timerId: 'reminder', startedEventId: 5, fireAtMs: NOW + 30_000 },
    });
    expect(mutation.timers).toEqual([
      { fireAtMs: NOW + 30_000, payload: { type: 'user-timer', timerId: 'reminder', startedEventId: 5 } },
    ]);
  });

  it('closes the run with the last command', () => {
    const { mutation, rejection } = apply([startTimer('t'), completeWorkflow()]);

    expect(rejection).toBeUndefined();
    expect(idsAndTypes(mutation.events)).toEqual([
      [5, 'TimerStarted'],
      [6, 'WorkflowExecutionCompleted'],
    ]);
    expect(mutation.state).toMatchObject({ status: 'completed', closeTimeMs: NOW, timers: {} });
  });

  it('fails the task on a command type it does not support, naming it (the sequence check ran before)', () => {
    const nexus: ICommand = { commandType: CommandType.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION };
    expect(apply([nexus]).rejection).toEqual({
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
      message: 'Kairos does not support the command COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION yet',
    });
    expect(apply([{ commandType: 999 as temporal.api.enums.v1.CommandType }]).rejection?.message).toBe(
      'Kairos does not support the command command type 999 yet',
    );
  });

  it('stops at the first rejected command (the caller discards what came before)', () => {
    const { mutation, rejection } = apply([startTimer('a'), startTimer('a'), startTimer('b')]);

    expect(rejection?.cause).toBe(Cause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID);
    expect(rejection?.message).toContain('"a"');
    expect(Object.keys(mutation.state.timers)).toEqual(['a']);
  });

  it('rejects a timer id that is already pending from an earlier task', () => {
    const state = runningState({
      nextEventId: 5,
      timers: { a: { timerId: 'a', startedEventId: 3, fireAtMs: NOW } },
    });
    expect(apply([startTimer('a')], state).rejection?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID,
    );
  });

  it('cancels a pending timer with TimerCanceled', () => {
    const state = runningState({
      nextEventId: 5,
      timers: { a: { timerId: 'a', startedEventId: 3, fireAtMs: NOW } },
    });

    const { mutation, rejection } = apply([cancelTimer('a')], state);

    expect(rejection).toBeUndefined();
    expect(idsAndTypes(mutation.events)).toEqual([[5, 'TimerCanceled']]);
    expect(int64ToNumber(mutation.events[0]!.timerCanceledEventAttributes!.startedEventId)).toBe(3);
    expect(mutation.state.timers).toEqual({});
  });

  it('rejects cancelling a timer that is not pending', () => {
    const { rejection } = apply([cancelTimer('never-started')]);

    expect(rejection?.cause).toBe(Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES);
    expect(rejection?.message).toContain('"never-started"');
  });

  it('cancels an activity that has not started at once: CancelRequested then Canceled', () => {
    const state = withActivity(runningState({ nextEventId: 5 }), activityInfo({ scheduledEventId: 3 }));

    const { mutation, rejection } = apply([requestCancelActivity(3)], state);

    expect(rejection).toBeUndefined();
    expect(idsAndTypes(mutation.events)).toEqual([
      [5, 'ActivityTaskCancelRequested'],
      [6, 'ActivityTaskCanceled'],
    ]);
    const canceled = mutation.events[1]!.activityTaskCanceledEventAttributes!;
    expect(int64ToNumber(canceled.latestCancelRequestedEventId)).toBe(5);
    expect(int64ToNumber(canceled.scheduledEventId)).toBe(3);
    expect(int64ToNumber(canceled.startedEventId)).toBe(0);
    expect(mutation.state.activities).toEqual({});
    // A new workflow task delivers the cancellation once every command is written.
    expect(mutation.workflowTaskWanted).toBe(true);
  });

  it('only records the request for a started activity; its worker learns through the heartbeat', () => {
    const state = withActivity(runningState({ nextEventId: 5 }), startedActivity({ scheduledEventId: 3 }));

    const { mutation } = apply([requestCancelActivity(3)], state);

    expect(idsAndTypes(mutation.events)).toEqual([[5, 'ActivityTaskCancelRequested']]);
    expect(mutation.state.activities[3]).toMatchObject({ cancelRequested: true, cancelRequestedEventId: 5 });
  });

  it('rejects cancelling an activity that is not pending', () => {
    expect(apply([requestCancelActivity(3)]).rejection?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES,
    );
  });

  it('schedules an activity: event, task for matching and its schedule-to-close timer', () => {
    const { mutation, rejection } = apply([
      scheduleActivity('1', { taskQueue: 'payments', scheduleToCloseMs: 60_000 }),
    ]);

    expect(rejection).toBeUndefined();
    expect(idsAndTypes(mutation.events)).toEqual([[5, 'ActivityTaskScheduled']]);
    expect(mutation.state.activities[5]).toMatchObject({
      activityId: '1',
      taskQueue: 'payments',
      attempt: 1,
    });
    expect(mutation.tasks).toEqual([
      expect.objectContaining({ kind: 'activity', taskQueue: 'payments', scheduledEventId: 5 }),
    ]);
    expect(mutation.timers).toContainEqual({
      fireAtMs: NOW + 60_000,
      payload: {
        type: 'activity-timeout',
        timeoutType: 'schedule-to-close',
        scheduledEventId: 5,
        attempt: 1,
      },
    });
  });
});
