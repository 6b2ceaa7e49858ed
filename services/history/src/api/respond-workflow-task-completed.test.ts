import { DomainError } from '@kairos/errors';
import { int64ToNumber, msToDuration, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { cancelTimer, completeWorkflow, scheduleActivity, startTimer } from '../../tests/support/commands.ts';
import { STICKY_QUEUE, idsAndTypes, typeName } from '../../tests/support/execution-fixture.ts';
import { memoryEngine, pollWorkflowTask, type MemoryEngine } from '../../tests/support/memory-engine.ts';
import { NAMESPACE, signal, startWorkflow } from '../../tests/support/workflow-driver.ts';
import { fireTimer } from '../timers/fire-timer.ts';

const { CommandType, WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;
type ICommand = temporal.api.command.v1.ICommand;

/** A started run: events 1-3 (started, task scheduled, task started) and the task's token. */
async function runWithStartedTask() {
  const engine = memoryEngine();
  const runId = await startWorkflow(engine.history);
  const poll = await pollWorkflowTask(engine, runId);
  return { engine, runId, token: poll.taskToken! };
}

function complete(engine: MemoryEngine, taskToken: Uint8Array, commands: ICommand[], extra = {}) {
  return engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
    taskToken,
    identity: 'worker-1',
    commands,
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('respondWorkflowTaskCompleted', () => {
  it('writes WorkflowTaskCompleted, the command events, then what arrived meanwhile, then a new task', async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await signal(engine.history, runId, 'first');
    await signal(engine.history, runId, 'second');

    await complete(engine, token, [startTimer('reminder')]);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(3))).toEqual([
      [4, 'WorkflowTaskCompleted'],
      [5, 'TimerStarted'],
      [6, 'WorkflowExecutionSignaled'],
      [7, 'WorkflowExecutionSignaled'],
      [8, 'WorkflowTaskScheduled'],
    ]);
    expect(
      history.slice(5, 7).map((event) => event.workflowExecutionSignaledEventAttributes?.signalName),
    ).toEqual(['first', 'second']);
    expect(engine.store.stateOf(runId)).toMatchObject({
      nextEventId: 9,
      bufferedEvents: [],
      lastCompletedWorkflowTaskStartedEventId: 3,
    });
  });

  it('schedules no new task when nothing new happened', async () => {
    const { engine, runId, token } = await runWithStartedTask();

    await complete(engine, token, [startTimer('reminder')]);

    expect(engine.store.historyOf(runId).map(typeName).at(-1)).toBe('TimerStarted');
    expect(engine.store.stateOf(runId).workflowTask).toBeUndefined();
  });

  it('flushes an activity that closed during the task as Started + Completed, linked', async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await complete(engine, token, [scheduleActivity('charge')]);
    const activityTask = engine.store.outbox.filter((task) => task.kind === 'activity').at(-1)!;
    const activityPoll = await engine.history.recordActivityTaskStarted(activityTask, {
      identity: 'activity-worker',
      pollRequestId: 'activity-poll',
      taskQueue: 'orders',
      taskQueueKind: 'normal',
    });
    await signal(engine.history, runId, 'go');
    const second = await pollWorkflowTask(engine, runId);

    await engine.history.respondActivityTaskCompleted(NAMESPACE, {
      target: { taskToken: activityPoll.taskToken! },
      identity: 'activity-worker',
      result: null,
    });
    expect(engine.store.stateOf(runId).bufferedEvents).toHaveLength(2);
    await complete(engine, second.taskToken!, []);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(8))).toEqual([
      [9, 'WorkflowTaskCompleted'],
      [10, 'ActivityTaskStarted'],
      [11, 'ActivityTaskCompleted'],
      [12, 'WorkflowTaskScheduled'],
    ]);
    const completed = history[10]!.activityTaskCompletedEventAttributes!;
    expect(int64ToNumber(completed.startedEventId)).toBe(10);
    expect(int64ToNumber(completed.scheduledEventId)).toBe(5);
  });

  it('fails the task with UNHANDLED_COMMAND when it closes the run while new events wait', async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await signal(engine.history, runId, 'late');

    await complete(engine, token, [completeWorkflow()]);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(3))).toEqual([
      [4, 'WorkflowTaskFailed'],
      [5, 'WorkflowExecutionSignaled'],
    ]);
    expect(history[3]!.workflowTaskFailedEventAttributes?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
    );
    const state = engine.store.stateOf(runId);
    expect(state.status).toBe('running');
    expect(state.workflowTask).toMatchObject({ scheduledEventId: 6, attempt: 2, transient: true });
  });

  it('fails the task when a command is rejected, keeping none of its commands, and tells the worker why', async () => {
    const { engine, runId, token } = await runWithStartedTask();

    const error = await rejection(complete(engine, token, [startTimer('a'), cancelTimer('missing')]));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('BadCancelTimerAttributes');
    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(3))).toEqual([[4, 'WorkflowTaskFailed']]);
    expect(history[3]!.workflowTaskFailedEventAttributes?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES,
    );
    expect(engine.store.stateOf(runId).timers).toEqual({});
    expect(engine.store.timersOfType(runId, 'user-timer')).toEqual([]);
  });

  it('refuses a command after a close command, or an unknown one, writing nothing', async () => {
    const { engine, runId, token } = await runWithStartedTask();

    const late = await rejection(complete(engine, token, [completeWorkflow(), startTimer('t')]));
    expect(late.code).toBe('INVALID_ARGUMENT');
    expect(late.message).toBe(
      'commands[1].commandType: CompleteWorkflowExecution (commands[0]) must be the last command, but StartTimer follows it',
    );
    const unknown = await rejection(
      complete(engine, token, [{ commandType: 999 as temporal.api.enums.v1.CommandType }]),
    );
    expect(unknown.message).toBe('commands[0].commandType: unknown command type 999');

    expect(engine.store.historyOf(runId)).toHaveLength(3);
    expect(engine.store.stateOf(runId).workflowTask).toMatchObject({
      scheduledEventId: 2,
      startedEventId: 3,
    });
  });

  it('fails a known command type Kairos does not implement with UNHANDLED_COMMAND', async () => {
    const { engine, runId, token } = await runWithStartedTask();

    const error = await rejection(
      complete(engine, token, [{ commandType: CommandType.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION }]),
    );

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(engine.store.historyOf(runId)[3]?.workflowTaskFailedEventAttributes?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
    );
  });

  it('answers NotFound to a token whose task already completed', async () => {
    const { engine, token } = await runWithStartedTask();
    await complete(engine, token, []);

    expect((await rejection(complete(engine, token, []))).code).toBe('NOT_FOUND');
  });

  it('writes a retried task’s transient events with the ids its poller saw', async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await engine.history.respondWorkflowTaskFailed(NAMESPACE, { taskToken: token, identity: 'worker-1' });
    const retry = await pollWorkflowTask(engine, runId);
    expect(idsAndTypes(retry.history!.events!.slice(3))).toEqual([
      [4, 'WorkflowTaskFailed'],
      [5, 'WorkflowTaskScheduled'],
      [6, 'WorkflowTaskStarted'],
    ]);

    await complete(engine, retry.taskToken!, [startTimer('t')]);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(4))).toEqual([
      [5, 'WorkflowTaskScheduled'],
      [6, 'WorkflowTaskStarted'],
      [7, 'WorkflowTaskCompleted'],
      [8, 'TimerStarted'],
    ]);
    expect(history[4]!.workflowTaskScheduledEventAttributes?.attempt).toBe(2);
    const completed = history[6]!.workflowTaskCompletedEventAttributes!;
    expect([int64ToNumber(completed.scheduledEventId), int64ToNumber(completed.startedEventId)]).toEqual([
      5, 6,
    ]);
  });

  it('leaves a retried task that is rejected again started, to be retried after its timeout (no hot loop)', async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await engine.history.respondWorkflowTaskFailed(NAMESPACE, { taskToken: token, identity: 'worker-1' });
    const retry = await pollWorkflowTask(engine, runId);
    const published = engine.store.outbox.length;

    const error = await rejection(complete(engine, retry.taskToken!, [cancelTimer('missing')]));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(engine.store.stateOf(runId).workflowTask).toMatchObject({ attempt: 2, startedEventId: 6 });
    expect(engine.store.outbox).toHaveLength(published);
    const [timeout] = engine.store
      .timersOfType(runId, 'workflow-task-timeout')
      .filter((row) => row.payload.attempt === 2 && row.payload.timeoutType === 'start-to-close');
    engine.clock.now = timeout!.fireAtMs;
    await fireTimer(engine.context, timeout!);
    expect(engine.store.stateOf(runId).workflowTask).toMatchObject({ attempt: 3, transient: true });
  });

  it("puts the next task on the worker's sticky queue when it asked for one", async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await complete(engine, token, [], {
      stickyAttributes: {
        workerTaskQueue: { name: STICKY_QUEUE },
        scheduleToStartTimeout: msToDuration(5_000),
      },
    });
    engine.clock.now += 1_000;

    await signal(engine.history, runId, 'wake');

    expect(engine.store.lastWorkflowTask(runId)).toMatchObject({
      taskQueue: STICKY_QUEUE,
      taskQueueKind: 'sticky',
    });
    expect(
      engine.store.timersOfType(runId, 'workflow-task-timeout').map((row) => row.payload.timeoutType),
    ).toContain('sticky-schedule-to-start');
  });

  it('cancels a timer that fired while the task ran: TimerCanceled, and the buffered TimerFired is dropped', async () => {
    const { engine, runId, token } = await runWithStartedTask();
    await complete(engine, token, [startTimer('t', 1_000)]);
    await signal(engine.history, runId, 'go');
    const second = await pollWorkflowTask(engine, runId);
    const [timerRow] = engine.store.timersOfType(runId, 'user-timer');
    engine.clock.now += 1_000;
    await fireTimer(engine.context, timerRow!);
    expect(engine.store.stateOf(runId).bufferedEvents).toHaveLength(1);

    await complete(engine, second.taskToken!, [cancelTimer('t')]);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(8))).toEqual([
      [9, 'WorkflowTaskCompleted'],
      [10, 'TimerCanceled'],
    ]);
    expect(history.map(typeName)).not.toContain('TimerFired');
    expect(engine.store.stateOf(runId)).toMatchObject({ timers: {}, bufferedEvents: [] });
  });
});
