import { int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  RUN_ID,
  STICKY_QUEUE,
  TASK_QUEUE,
  idsAndTypes,
  runningState,
  startedTask,
  stateWithStartedTask,
} from '../../tests/support/execution-fixture.ts';
import { dueTimerRow, fireSeededTimer, memoryEngine } from '../../tests/support/memory-engine.ts';
import type { TimerPayload } from '../state/timer-payload.ts';
import { fireTimer } from './fire-timer.ts';

const { RetryState, WorkflowTaskFailedCause } = temporal.api.enums.v1;

const userTimer = { timerId: 'reminder', startedEventId: 5, fireAtMs: NOW };

describe('fireTimer: user timers', () => {
  it('fires a pending timer: TimerFired, then a workflow task, and the row is gone', async () => {
    const fired = await fireSeededTimer(runningState({ nextEventId: 6, timers: { reminder: userTimer } }), {
      type: 'user-timer',
      timerId: 'reminder',
      startedEventId: 5,
    });

    expect(idsAndTypes(fired.events)).toEqual([
      [6, 'TimerFired'],
      [7, 'WorkflowTaskScheduled'],
    ]);
    expect(fired.events[0]!.timerFiredEventAttributes?.timerId).toBe('reminder');
    expect(int64ToNumber(fired.events[0]!.timerFiredEventAttributes?.startedEventId)).toBe(5);
    expect(fired.state.timers).toEqual({});
    expect(fired.store.timers.has(fired.row.id)).toBe(false);
    expect(fired.store.outbox).toEqual([expect.objectContaining({ kind: 'workflow', scheduledEventId: 7 })]);
  });

  it('only deletes the row of a timer the workflow canceled', async () => {
    const fired = await fireSeededTimer(runningState({ nextEventId: 6 }), {
      type: 'user-timer',
      timerId: 'reminder',
      startedEventId: 5,
    });

    expect(fired.events).toEqual([]);
    expect(fired.store.timers.size).toBe(0);
  });

  it('ignores the row of an earlier timer with the same id (started by another event)', async () => {
    const restarted = { ...userTimer, startedEventId: 9 };
    const fired = await fireSeededTimer(runningState({ nextEventId: 10, timers: { reminder: restarted } }), {
      type: 'user-timer',
      timerId: 'reminder',
      startedEventId: 5,
    });

    expect(fired.events).toEqual([]);
    expect(fired.state.timers).toEqual({ reminder: restarted });
  });

  it('buffers TimerFired while a workflow task runs, scheduling nothing new', async () => {
    const fired = await fireSeededTimer(
      stateWithStartedTask({ nextEventId: 6, timers: { reminder: userTimer } }),
      {
        type: 'user-timer',
        timerId: 'reminder',
        startedEventId: 5,
      },
    );

    expect(fired.events).toEqual([]);
    expect(fired.state.bufferedEvents).toHaveLength(1);
    expect(fired.store.outbox).toEqual([]);
  });

  it('does nothing but delete its row when another process already fired it', async () => {
    const engine = memoryEngine();
    engine.store.seed(runningState({ nextEventId: 6, timers: { reminder: userTimer } }));
    const payload: TimerPayload = { type: 'user-timer', timerId: 'reminder', startedEventId: 5 };
    const row = dueTimerRow(payload, 'gone');

    await fireTimer(engine.context, row);

    expect(engine.store.historyOf(RUN_ID)).toEqual([]);
    expect(engine.store.executions.get(RUN_ID)?.dbVersion).toBe(1);
  });
});

describe('fireTimer: workflow task timeouts', () => {
  it('times out a started task and schedules attempt 2 (transient)', async () => {
    const fired = await fireSeededTimer(stateWithStartedTask(), {
      type: 'workflow-task-timeout',
      timeoutType: 'start-to-close',
      scheduledEventId: 2,
      attempt: 1,
    });

    expect(idsAndTypes(fired.events)).toEqual([[4, 'WorkflowTaskTimedOut']]);
    expect(fired.state.workflowTask).toMatchObject({ scheduledEventId: 5, attempt: 2, transient: true });
    expect(fired.store.outbox).toEqual([expect.objectContaining({ scheduledEventId: 5, attempt: 2 })]);
  });

  it('ignores the timeout of an attempt that already ended', async () => {
    const retrying = stateWithStartedTask({
      nextEventId: 5,
      workflowTask: startedTask(5, { attempt: 2, transient: true }),
    });
    const fired = await fireSeededTimer(retrying, {
      type: 'workflow-task-timeout',
      timeoutType: 'start-to-close',
      scheduledEventId: 5,
      attempt: 1,
    });

    expect(fired.events).toEqual([]);
    expect(fired.state.workflowTask).toMatchObject({ attempt: 2, startedEventId: 6 });
  });

  it('moves a task nobody took from the sticky queue to the normal queue', async () => {
    const stickyTask = {
      ...startedTask(2, { taskQueue: STICKY_QUEUE, taskQueueKind: 'sticky' as const }),
      startedEventId: undefined,
    };
    const state = runningState({
      nextEventId: 3,
      sticky: { taskQueue: STICKY_QUEUE, scheduleToStartTimeoutMs: 5_000 },
      workflowTask: stickyTask,
    });
    const payload: TimerPayload = {
      type: 'workflow-task-timeout',
      timeoutType: 'sticky-schedule-to-start',
      scheduledEventId: 2,
      attempt: 1,
    };

    const fired = await fireSeededTimer(state, payload);

    expect(fired.events).toEqual([]);
    expect(fired.state.sticky).toBeUndefined();
    expect(fired.state.workflowTask).toMatchObject({
      taskQueue: TASK_QUEUE,
      taskQueueKind: 'normal',
      scheduledEventId: 2,
    });
    expect(fired.store.outbox).toEqual([
      expect.objectContaining({
        taskQueue: TASK_QUEUE,
        taskQueueKind: 'normal',
        scheduledEventId: 2,
        attempt: 1,
      }),
    ]);
    expect(fired.newTimers).toEqual([]);

    const alreadyStarted = await fireSeededTimer(
      { ...state, workflowTask: { ...stickyTask, startedEventId: 3 } },
      payload,
    );
    expect(alreadyStarted.store.outbox).toEqual([]);
    expect(alreadyStarted.state.workflowTask?.taskQueueKind).toBe('sticky');
  });
});

describe('fireTimer: the run', () => {
  it('times the run out, failing the task in flight first', async () => {
    const fired = await fireSeededTimer(stateWithStartedTask(), { type: 'workflow-run-timeout' });

    expect(idsAndTypes(fired.events)).toEqual([
      [4, 'WorkflowTaskFailed'],
      [5, 'WorkflowExecutionTimedOut'],
    ]);
    expect(fired.events[0]!.workflowTaskFailedEventAttributes?.cause).toBe(
      WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_FORCE_CLOSE_COMMAND,
    );
    expect(fired.events[1]!.workflowExecutionTimedOutEventAttributes?.retryState).toBe(
      RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET,
    );
    expect(fired.state).toMatchObject({ status: 'timed_out', closeTimeMs: NOW, workflowTask: undefined });
  });

  it('reports an execution timeout with RETRY_STATE_TIMEOUT', async () => {
    const fired = await fireSeededTimer(runningState(), { type: 'workflow-execution-timeout' });
    expect(fired.events[0]!.workflowExecutionTimedOutEventAttributes?.retryState).toBe(
      RetryState.RETRY_STATE_TIMEOUT,
    );
  });

  it('schedules the first workflow task when the start delay is over', async () => {
    const fired = await fireSeededTimer(runningState({ firstWorkflowTaskBackoff: true }), {
      type: 'workflow-backoff',
    });

    expect(idsAndTypes(fired.events)).toEqual([[2, 'WorkflowTaskScheduled']]);
    expect(fired.state.firstWorkflowTaskBackoff).toBe(false);
  });

  it('only deletes the row once the run is closed', async () => {
    const fired = await fireSeededTimer(
      runningState({ status: 'completed', timers: { reminder: userTimer } }),
      {
        type: 'user-timer',
        timerId: 'reminder',
        startedEventId: 5,
      },
    );

    expect(fired.events).toEqual([]);
    expect(fired.store.timers.size).toBe(0);
  });
});
