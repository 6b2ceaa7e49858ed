import { durationToMs, msToDuration, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { NOW, WORKFLOW_ID, eventOfType, typeName } from '../../tests/support/execution-fixture.ts';
import { memoryEngine, pollWorkflowTask, type MemoryEngine } from '../../tests/support/memory-engine.ts';
import { NAMESPACE } from '../../tests/support/workflow-driver.ts';
import { fireTimer } from '../timers/fire-timer.ts';

const { CommandType, ContinueAsNewInitiator: Initiator, RetryState } = temporal.api.enums.v1;
type StartRequest = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

const payloads = (text: string) => ({ payloads: [{ data: new TextEncoder().encode(text) }] });
const text = (value: temporal.api.common.v1.IPayloads | null | undefined) =>
  value?.payloads?.[0]?.data ? Buffer.from(value.payloads[0].data).toString() : undefined;

function failure(type = 'Flaky', nonRetryable = false): temporal.api.failure.v1.IFailure {
  return { message: 'boom', applicationFailureInfo: { type, nonRetryable } };
}

const fail = (failureValue = failure()) => ({
  commandType: CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
  failWorkflowExecutionCommandAttributes: { failure: failureValue },
});
const completeWith = (result: string) => ({
  commandType: CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
  completeWorkflowExecutionCommandAttributes: { result: payloads(result) },
});
const cancel = {
  commandType: CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
  cancelWorkflowExecutionCommandAttributes: {},
};

async function start(engine: MemoryEngine, request: Partial<StartRequest>): Promise<string> {
  const { runId } = await engine.history.startWorkflowExecution(NAMESPACE, {
    workflowId: WORKFLOW_ID,
    workflowType: { name: 'ProcessOrder' },
    taskQueue: { name: 'orders' },
    requestId: 'start-1',
    input: payloads('order 42'),
    ...request,
  });
  return runId!;
}

/** Lets the run's backoff pass (when it has one) and answers its first workflow task with `commands`. */
async function runTask(engine: MemoryEngine, runId: string, commands: temporal.api.command.v1.ICommand[]) {
  const [backoff] = engine.store.timersOfType(runId, 'workflow-backoff');
  if (backoff) {
    engine.clock.now = Math.max(engine.clock.now, backoff.fireAtMs);
    await fireTimer(engine.context, backoff);
  }
  const poll = await pollWorkflowTask(engine, runId);
  await engine.history.respondWorkflowTaskCompleted(NAMESPACE, { taskToken: poll.taskToken!, commands });
}

async function currentRunId(engine: MemoryEngine): Promise<string> {
  return (await engine.store.currentRun(NAMESPACE.id, WORKFLOW_ID))!.runId;
}

function closeEvent(engine: MemoryEngine, runId: string): IHistoryEvent {
  return engine.store.historyOf(runId).at(-1)!;
}

function startedOf(engine: MemoryEngine, runId: string) {
  return eventOfType(engine.store.historyOf(runId), 'WorkflowExecutionStarted')
    .workflowExecutionStartedEventAttributes!;
}

describe('workflow retry policy', () => {
  it('retries a failed run with the backoff of its policy until the last attempt', async () => {
    const engine = memoryEngine();
    const first = await start(engine, {
      retryPolicy: { initialInterval: msToDuration(2_000), maximumAttempts: 3 },
      workflowExecutionTimeout: msToDuration(3_600_000),
    });
    engine.clock.now = NOW + 5_000;
    await runTask(engine, first, [fail()]);

    const failed = closeEvent(engine, first).workflowExecutionFailedEventAttributes!;
    expect(failed.retryState).toBe(RetryState.RETRY_STATE_IN_PROGRESS);
    const second = failed.newExecutionRunId!;
    expect(await currentRunId(engine)).toBe(second);
    expect(engine.store.stateOf(first).status).toBe('failed');
    const started = startedOf(engine, second);
    expect(started).toMatchObject({
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
      attempt: 2,
      continuedExecutionRunId: first,
      firstExecutionRunId: first,
      continuedFailure: { message: 'boom' },
      retryPolicy: { maximumAttempts: 3 },
    });
    expect(text(started.input)).toBe('order 42');
    expect(started.lastCompletionResult).toBeNull();
    expect(durationToMs(started.firstWorkflowTaskBackoff)).toBe(2_000);

    await runTask(engine, second, [fail()]);
    const third = closeEvent(engine, second).workflowExecutionFailedEventAttributes!.newExecutionRunId!;
    expect(startedOf(engine, third)).toMatchObject({ attempt: 3 });
    expect(durationToMs(startedOf(engine, third).firstWorkflowTaskBackoff)).toBe(4_000);

    await runTask(engine, third, [fail()]);
    expect(closeEvent(engine, third).workflowExecutionFailedEventAttributes).toMatchObject({
      retryState: RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED,
      newExecutionRunId: '',
    });
    expect(await currentRunId(engine)).toBe(third);
    expect(engine.store.executions.size).toBe(3);
  });

  it('does not retry a non-retryable failure, a run without a policy, or past the execution timeout', async () => {
    const cases: Array<
      [Partial<StartRequest>, temporal.api.failure.v1.IFailure, temporal.api.enums.v1.RetryState]
    > = [
      [
        { retryPolicy: { nonRetryableErrorTypes: ['Fatal'] } },
        failure('Fatal'),
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
      ],
      [{ retryPolicy: {} }, failure('Flaky', true), RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE],
      [{}, failure(), RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET],
      [
        {
          retryPolicy: { initialInterval: msToDuration(60_000) },
          workflowExecutionTimeout: msToDuration(30_000),
        },
        failure(),
        RetryState.RETRY_STATE_TIMEOUT,
      ],
    ];
    for (const [request, failureValue, retryState] of cases) {
      const engine = memoryEngine();
      const runId = await start(engine, request);
      await runTask(engine, runId, [fail(failureValue)]);
      expect(closeEvent(engine, runId).workflowExecutionFailedEventAttributes).toMatchObject({
        retryState,
        newExecutionRunId: '',
      });
      expect(engine.store.executions.size).toBe(1);
    }
  });

  it('retries a run timeout with the timeout as the failure; the execution timeout ends the chain', async () => {
    const engine = memoryEngine();
    const first = await start(engine, {
      retryPolicy: { initialInterval: msToDuration(1_000) },
      workflowRunTimeout: msToDuration(10_000),
      workflowExecutionTimeout: msToDuration(60_000),
    });
    const [runTimeout] = engine.store.timersOfType(first, 'workflow-run-timeout');
    engine.clock.now = runTimeout!.fireAtMs;
    await fireTimer(engine.context, runTimeout!);

    const timedOut = closeEvent(engine, first).workflowExecutionTimedOutEventAttributes!;
    expect(timedOut.retryState).toBe(RetryState.RETRY_STATE_IN_PROGRESS);
    const second = timedOut.newExecutionRunId!;
    expect(startedOf(engine, second)).toMatchObject({
      attempt: 2,
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
      continuedFailure: {
        message: 'workflow timeout',
        source: 'Server',
        timeoutFailureInfo: { timeoutType: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE },
      },
    });

    const [executionTimeout] = engine.store.timersOfType(second, 'workflow-execution-timeout');
    expect(executionTimeout?.fireAtMs).toBe(NOW + 60_000);
    engine.clock.now = executionTimeout!.fireAtMs;
    await fireTimer(engine.context, executionTimeout!);
    expect(closeEvent(engine, second).workflowExecutionTimedOutEventAttributes).toMatchObject({
      retryState: RetryState.RETRY_STATE_TIMEOUT,
      newExecutionRunId: '',
    });
    expect(await currentRunId(engine)).toBe(second);
  });

  it('never retries a cancelled or terminated run', async () => {
    const engine = memoryEngine();
    const runId = await start(engine, { retryPolicy: {}, cronSchedule: '@every 10s' });
    await runTask(engine, runId, [cancel]);
    expect(typeName(closeEvent(engine, runId))).toBe('WorkflowExecutionCanceled');

    const other = memoryEngine();
    const otherRun = await start(other, { retryPolicy: {}, cronSchedule: '@every 10s' });
    await other.history.terminateWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: WORKFLOW_ID },
      reason: 'enough',
    });
    expect(typeName(closeEvent(other, otherRun))).toBe('WorkflowExecutionTerminated');
    expect([engine.store.executions.size, other.store.executions.size]).toEqual([1, 1]);
  });
});

describe('cron schedule', () => {
  it('holds the first run until the first cron time and starts each next run at the next one', async () => {
    const engine = memoryEngine();
    const first = await start(engine, { cronSchedule: '@every 10s' });
    const started = startedOf(engine, first);
    expect(started).toMatchObject({
      cronSchedule: '@every 10s',
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
    });
    expect(durationToMs(started.firstWorkflowTaskBackoff)).toBe(10_000);
    expect(engine.store.stateOf(first).executionTimeMs).toBe(NOW + 10_000);

    engine.clock.now = NOW + 10_000;
    await runTask(engine, first, []);
    engine.clock.now = NOW + 10_400;
    const poll = await pollWorkflowTask(engine, first).catch(() => undefined);
    expect(poll).toBeUndefined();
    // The first task was answered with no commands; complete the run in a second one.
    await engine.history.signalWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: WORKFLOW_ID },
      signalName: 'go',
    });
    await runTask(engine, first, [completeWith('first result')]);

    const completed = closeEvent(engine, first).workflowExecutionCompletedEventAttributes!;
    const second = completed.newExecutionRunId!;
    expect(second).not.toBe('');
    expect(engine.store.stateOf(first).status).toBe('completed');
    const next = startedOf(engine, second);
    expect(next).toMatchObject({
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
      attempt: 1,
      cronSchedule: '@every 10s',
      continuedExecutionRunId: first,
      firstExecutionRunId: first,
    });
    expect(text(next.lastCompletionResult)).toBe('first result');
    expect(text(next.input)).toBe('order 42');
    // Scheduled at +10 s, closed at +10.4 s: the next time is +20 s, 9.6 s away, rounded up to 10 s.
    expect(durationToMs(next.firstWorkflowTaskBackoff)).toBe(10_000);
  });

  it('starts the next cron run after a failure not retried, handing on the last good result', async () => {
    const engine = memoryEngine();
    const first = await start(engine, { cronSchedule: '@every 10s' });
    await runTask(engine, first, [completeWith('good')]);
    const second = await currentRunId(engine);
    await runTask(engine, second, [fail()]);

    const failed = closeEvent(engine, second).workflowExecutionFailedEventAttributes!;
    expect(failed.retryState).toBe(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET);
    const third = failed.newExecutionRunId!;
    const started = startedOf(engine, third);
    expect(started).toMatchObject({
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
      continuedFailure: { message: 'boom' },
    });
    expect(text(started.lastCompletionResult)).toBe('good');
  });

  it('retries a failed cron run first, then goes on with the schedule', async () => {
    const engine = memoryEngine();
    const first = await start(engine, {
      cronSchedule: '@every 10s',
      retryPolicy: { initialInterval: msToDuration(500), maximumAttempts: 2 },
    });
    await runTask(engine, first, [fail()]);
    const retry = closeEvent(engine, first).workflowExecutionFailedEventAttributes!;
    expect(retry.retryState).toBe(RetryState.RETRY_STATE_IN_PROGRESS);
    expect(startedOf(engine, retry.newExecutionRunId!)).toMatchObject({
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
      attempt: 2,
    });

    await runTask(engine, retry.newExecutionRunId!, [fail()]);
    const exhausted = closeEvent(engine, retry.newExecutionRunId!).workflowExecutionFailedEventAttributes!;
    expect(exhausted.retryState).toBe(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
    expect(startedOf(engine, exhausted.newExecutionRunId!)).toMatchObject({
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
      attempt: 1,
    });
  });
});
