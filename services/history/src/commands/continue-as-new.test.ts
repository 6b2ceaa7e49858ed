import { durationToMs, int64ToNumber, msToDuration, temporal, timestampToMs } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { NOW, WORKFLOW_ID, eventOfType, idsAndTypes } from '../../tests/support/execution-fixture.ts';
import { memoryEngine, pollWorkflowTask, type MemoryEngine } from '../../tests/support/memory-engine.ts';
import { NAMESPACE, signal } from '../../tests/support/workflow-driver.ts';
import { fireTimer } from '../timers/fire-timer.ts';

const {
  CommandType,
  ContinueAsNewInitiator: Initiator,
  WorkflowTaskFailedCause: Cause,
} = temporal.api.enums.v1;
type Attributes = temporal.api.command.v1.IContinueAsNewWorkflowExecutionCommandAttributes;

const input = {
  payloads: [
    { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('1') },
  ],
};

function continueAsNew(attributes: Attributes = {}): temporal.api.command.v1.ICommand {
  return {
    commandType: CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
    continueAsNewWorkflowExecutionCommandAttributes: attributes,
  };
}

/** A run started with a one-hour execution timeout, its first workflow task started. */
async function startedRun(engine: MemoryEngine = memoryEngine()) {
  const { runId } = await engine.history.startWorkflowExecution(NAMESPACE, {
    workflowId: WORKFLOW_ID,
    workflowType: { name: 'ProcessOrder' },
    taskQueue: { name: 'orders' },
    requestId: 'start-1',
    workflowExecutionTimeout: msToDuration(3_600_000),
    workflowRunTimeout: msToDuration(600_000),
  });
  const poll = await pollWorkflowTask(engine, runId!);
  return { engine, runId: runId!, token: poll.taskToken! };
}

function complete(engine: MemoryEngine, taskToken: Uint8Array, commands: temporal.api.command.v1.ICommand[]) {
  return engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
    taskToken,
    identity: 'worker-1',
    commands,
  });
}

async function currentRunId(engine: MemoryEngine): Promise<string> {
  return (await engine.store.currentRun(NAMESPACE.id, WORKFLOW_ID))!.runId;
}

describe('ContinueAsNewWorkflowExecution', () => {
  it('closes the run with ContinuedAsNew and starts the next run of the chain in the same write', async () => {
    const { engine, runId, token } = await startedRun();
    engine.clock.now = NOW + 5_000;

    await complete(engine, token, [continueAsNew({ input, memo: { fields: { m: input.payloads[0]! } } })]);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(3))).toEqual([
      [4, 'WorkflowTaskCompleted'],
      [5, 'WorkflowExecutionContinuedAsNew'],
    ]);
    const continued = history[4]!.workflowExecutionContinuedAsNewEventAttributes!;
    const newRunId = continued.newExecutionRunId!;
    expect(newRunId).not.toBe(runId);
    expect(continued).toMatchObject({
      workflowType: { name: 'ProcessOrder' },
      taskQueue: { name: 'orders' },
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED,
    });
    expect(int64ToNumber(continued.workflowTaskCompletedEventId)).toBe(4);
    expect(durationToMs(continued.workflowRunTimeout)).toBe(600_000);
    expect(durationToMs(continued.workflowTaskTimeout)).toBe(10_000);
    expect(engine.store.stateOf(runId)).toMatchObject({
      status: 'continued_as_new',
      closeTimeMs: NOW + 5_000,
    });

    expect(await currentRunId(engine)).toBe(newRunId);
    const next = engine.store.stateOf(newRunId);
    expect(next).toMatchObject({
      status: 'running',
      firstExecutionRunId: runId,
      attempt: 1,
      startTimeMs: NOW + 5_000,
    });
    const newHistory = engine.store.historyOf(newRunId);
    expect(idsAndTypes(newHistory)).toEqual([
      [1, 'WorkflowExecutionStarted'],
      [2, 'WorkflowTaskScheduled'],
    ]);
    const started = newHistory[0]!.workflowExecutionStartedEventAttributes!;
    expect(started).toMatchObject({
      continuedExecutionRunId: runId,
      firstExecutionRunId: runId,
      originalExecutionRunId: newRunId,
      initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW,
      attempt: 1,
      identity: '',
    });
    expect(Buffer.from(started.input!.payloads![0]!.data!).toString()).toBe('1');
    expect(started.memo?.fields?.m).toBeDefined();
    // The execution timeout spans the chain: it still ends an hour after the first run started.
    expect(durationToMs(started.workflowExecutionTimeout)).toBe(3_600_000);
    expect(timestampToMs(started.workflowExecutionExpirationTime)).toBe(NOW + 3_600_000);
    expect(
      engine.store.timersOfType(newRunId, 'workflow-execution-timeout').map((row) => row.fireAtMs),
    ).toEqual([NOW + 3_600_000]);
    expect(engine.store.timersOfType(newRunId, 'workflow-run-timeout').map((row) => row.fireAtMs)).toEqual([
      NOW + 5_000 + 600_000,
    ]);
    expect(engine.store.lastWorkflowTask(newRunId)).toMatchObject({ runId: newRunId, scheduledEventId: 2 });
  });

  it('holds back the next run until a second after the closing run began, and a requested backoff', async () => {
    const { engine, runId, token } = await startedRun();
    engine.clock.now = NOW + 200;

    await complete(engine, token, [continueAsNew()]);

    const newRunId = await currentRunId(engine);
    const started = eventOfType(engine.store.historyOf(newRunId), 'WorkflowExecutionStarted');
    expect(durationToMs(started.workflowExecutionStartedEventAttributes?.firstWorkflowTaskBackoff)).toBe(800);
    expect(idsAndTypes(engine.store.historyOf(newRunId))).toEqual([[1, 'WorkflowExecutionStarted']]);
    expect(engine.store.outbox.some((task) => task.runId === newRunId)).toBe(false);
    const [backoff] = engine.store.timersOfType(newRunId, 'workflow-backoff');
    expect(backoff?.fireAtMs).toBe(NOW + 1_000);

    engine.clock.now = NOW + 1_000;
    await fireTimer(engine.context, backoff!);
    expect(idsAndTypes(engine.store.historyOf(newRunId)).at(-1)).toEqual([2, 'WorkflowTaskScheduled']);
    expect(engine.store.lastWorkflowTask(newRunId).runId).toBe(newRunId);
    expect(engine.store.stateOf(runId).status).toBe('continued_as_new');

    const second = await startedRun();
    second.engine.clock.now = NOW + 10_000;
    await complete(second.engine, second.token, [
      continueAsNew({ backoffStartInterval: msToDuration(30_000) }),
    ]);
    const delayed = second.engine.store.stateOf(await currentRunId(second.engine));
    expect(delayed).toMatchObject({ firstWorkflowTaskBackoff: true, executionTimeMs: NOW + 40_000 });
  });

  it('counts the attempt up only for a RETRY initiator and takes the retry policy and cron from the command', async () => {
    const { engine, token } = await startedRun();
    engine.clock.now = NOW + 5_000;

    await complete(engine, token, [
      continueAsNew({
        initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
        retryPolicy: { maximumAttempts: 4 },
        workflowType: { name: 'Other' },
        taskQueue: { name: 'elsewhere' },
      }),
    ]);

    const next = engine.store.stateOf(await currentRunId(engine));
    expect(next).toMatchObject({
      attempt: 2,
      workflowType: 'Other',
      taskQueue: 'elsewhere',
      retryPolicy: { maximumAttempts: 4, initialIntervalMs: 1000 },
    });
    const started = eventOfType(engine.store.historyOf(next.runId), 'WorkflowExecutionStarted');
    expect(started.workflowExecutionStartedEventAttributes?.retryPolicy).toMatchObject({
      maximumAttempts: 4,
      backoffCoefficient: 2,
    });
    expect(engine.store.lastWorkflowTask(next.runId).taskQueue).toBe('elsewhere');
  });

  it('fails the task with UNHANDLED_COMMAND when a signal arrived meanwhile, keeping the signal', async () => {
    const { engine, runId, token } = await startedRun();
    await signal(engine.history, runId, 'late');

    await complete(engine, token, [continueAsNew()]);

    const history = engine.store.historyOf(runId);
    expect(idsAndTypes(history.slice(3))).toEqual([
      [4, 'WorkflowTaskFailed'],
      [5, 'WorkflowExecutionSignaled'],
    ]);
    expect(history[3]!.workflowTaskFailedEventAttributes?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
    );
    expect(engine.store.stateOf(runId).status).toBe('running');
    expect(await currentRunId(engine)).toBe(runId);
    expect(engine.store.executions.size).toBe(1);
  });

  it('fails the task for bad attributes, starting nothing, and tells the worker the field', async () => {
    const { engine, runId, token } = await startedRun();

    await expect(
      complete(engine, token, [continueAsNew({ retryPolicy: { backoffCoefficient: 0.5 } })]),
    ).rejects.toThrow(
      /BadContinueAsNewAttributes: continueAsNewWorkflowExecutionCommandAttributes.retryPolicy.backoffCoefficient/,
    );

    const history = engine.store.historyOf(runId);
    expect(history[3]!.workflowTaskFailedEventAttributes?.cause).toBe(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES,
    );
    expect(engine.store.executions.size).toBe(1);
    expect(await currentRunId(engine)).toBe(runId);
  });

  it('terminates the run when the new input is over the blob limit', async () => {
    const { engine, runId, token } = await startedRun();

    await expect(
      complete(engine, token, [
        continueAsNew({ input: { payloads: [{ data: new Uint8Array(2 * 1024 * 1024 + 1) }] } }),
      ]),
    ).rejects.toThrow(/BadContinueAsNewAttributes/);

    expect(engine.store.stateOf(runId).status).toBe('terminated');
    expect(engine.store.executions.size).toBe(1);
  });

  it('sends an operation named by workflow id on to the next run when the run it found has just continued', async () => {
    const { engine, runId, token } = await startedRun();
    engine.clock.now = NOW + 5_000;
    await complete(engine, token, [continueAsNew()]);
    const newRunId = await currentRunId(engine);
    // The signal looked the workflow id up just before the continue-as-new was written.
    const lookUp = engine.store.currentRun.bind(engine.store);
    let stale = true;
    engine.store.currentRun = async (namespaceId, workflowId) => {
      if (!stale) return lookUp(namespaceId, workflowId);
      stale = false;
      return { runId, status: 'running', startRequestId: 'start-1' };
    };

    await engine.history.signalWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: WORKFLOW_ID },
      signalName: 'just in time',
    });

    expect(idsAndTypes(engine.store.historyOf(newRunId)).map(([, type]) => type)).toContain(
      'WorkflowExecutionSignaled',
    );
    expect(idsAndTypes(engine.store.historyOf(runId)).at(-1)).toEqual([5, 'WorkflowExecutionContinuedAsNew']);
  });

  it('describes the chain: the closed run as ContinuedAsNew and the current one with the first run id', async () => {
    const { engine, runId, token } = await startedRun();
    engine.clock.now = NOW + 5_000;
    await complete(engine, token, [continueAsNew()]);
    const newRunId = await currentRunId(engine);

    const closed = await engine.history.describeWorkflowExecution(NAMESPACE, {
      execution: { workflowId: WORKFLOW_ID, runId },
    });
    expect(closed.workflowExecutionInfo).toMatchObject({
      status: temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW,
      firstRunId: runId,
    });
    const current = await engine.history.describeWorkflowExecution(NAMESPACE, {
      execution: { workflowId: WORKFLOW_ID },
    });
    expect(current.workflowExecutionInfo).toMatchObject({
      execution: { workflowId: WORKFLOW_ID, runId: newRunId },
      status: temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
      firstRunId: runId,
    });
    const byWorkflowId = await engine.history.getWorkflowExecutionHistory(NAMESPACE, {
      execution: { workflowId: WORKFLOW_ID },
    });
    expect(
      byWorkflowId.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId,
    ).toBe(runId);
  });
});
