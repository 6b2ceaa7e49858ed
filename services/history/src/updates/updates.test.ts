import { int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { eventOfType, typeName, WORKFLOW_ID } from '../../tests/support/execution-fixture.ts';
import { memoryEngine, pollWorkflowTask, type MemoryEngine } from '../../tests/support/memory-engine.ts';
import { completeWorkflow } from '../../tests/support/commands.ts';
import { NAMESPACE, startWorkflow } from '../../tests/support/workflow-driver.ts';
import { pollWorkflowExecutionUpdate } from '../api/poll-workflow-execution-update.ts';
import { updateWorkflowExecution } from '../api/update-workflow-execution.ts';
import { fireTimer } from '../timers/fire-timer.ts';
import { MAX_IN_FLIGHT_UPDATES, MAX_TOTAL_UPDATES } from './update-limits.ts';
import { updateTypeUrl } from './update-records.ts';
import { updateWithStartWorkflowExecution } from './update-with-start.ts';

const { CommandType, UpdateWorkflowExecutionLifecycleStage: Stage } = temporal.api.enums.v1;
const { Acceptance, Rejection, Request, Response } = temporal.api.update.v1;
type IMessage = temporal.api.protocol.v1.IMessage;
type ICommand = temporal.api.command.v1.ICommand;

const payloads = (text: string) => ({ payloads: [{ data: new TextEncoder().encode(text) }] });
const text = (value: temporal.api.common.v1.IPayloads | null | undefined) =>
  value?.payloads?.[0]?.data ? Buffer.from(value.payloads[0].data).toString() : undefined;

function updateRequest(updateId: string, stage = Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED) {
  return {
    workflowExecution: { workflowId: WORKFLOW_ID },
    waitPolicy: { lifecycleStage: stage },
    request: { meta: { updateId, identity: 'client' }, input: { name: 'addItem', args: payloads('apple') } },
  };
}

/** Sends an update and gives up waiting at once: answers the stage it reached. */
function sendUpdate(engine: MemoryEngine, updateId: string, waitMs = 0) {
  return updateWorkflowExecution(engine.context, NAMESPACE, updateRequest(updateId), undefined, { waitMs });
}

function message(
  id: string,
  updateId: string,
  body: { type: 'Acceptance' | 'Rejection' | 'Response'; value: Uint8Array },
): IMessage {
  return {
    id,
    protocolInstanceId: updateId,
    body: { type_url: updateTypeUrl(body.type), value: body.value },
  };
}

const acceptance = (updateId: string) =>
  message(`${updateId}/accept`, updateId, {
    type: 'Acceptance',
    value: Acceptance.encode({ acceptedRequestMessageId: `${updateId}/request` }).finish(),
  });
const response = (updateId: string, result: string) =>
  message(`${updateId}/complete`, updateId, {
    type: 'Response',
    value: Response.encode({ meta: { updateId }, outcome: { success: payloads(result) } }).finish(),
  });
const rejection = (updateId: string, reason: string) =>
  message(`${updateId}/reject`, updateId, {
    type: 'Rejection',
    value: Rejection.encode({
      rejectedRequestMessageId: `${updateId}/request`,
      failure: { message: reason },
    }).finish(),
  });
const protocolCommand = (messageId: string): ICommand => ({
  commandType: CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE,
  protocolMessageCommandAttributes: { messageId },
});

/** Polls the run's latest workflow task and completes it with `commands` and `messages`; answers the response. */
async function completeTask(engine: MemoryEngine, runId: string, commands: ICommand[], messages: IMessage[]) {
  const poll = await pollWorkflowTask(engine, runId);
  return engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
    taskToken: poll.taskToken!,
    commands,
    messages,
  });
}

function updateEventTypes(engine: MemoryEngine, runId: string): string[] {
  return engine.store
    .historyOf(runId)
    .map(typeName)
    .filter((type) => type.startsWith('WorkflowExecutionUpdate'));
}

describe('workflow updates in history', () => {
  it('admits an update and delivers it with the next workflow task as a Request message', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    const admitted = await sendUpdate(engine, 'u1');
    expect(admitted.stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED);
    expect(admitted.updateRef).toEqual({
      workflowExecution: { workflowId: WORKFLOW_ID, runId },
      updateId: 'u1',
    });

    const poll = await pollWorkflowTask(engine, runId);
    expect(poll.messages).toHaveLength(1);
    const [delivered] = poll.messages!;
    expect(delivered!.id).toBe('u1/request');
    expect(delivered!.protocolInstanceId).toBe('u1');
    expect(int64ToNumber(delivered!.eventId)).toBe(int64ToNumber(poll.startedEventId) - 1);
    expect(delivered!.body?.type_url).toBe(updateTypeUrl('Request'));
    const request = Request.decode(delivered!.body!.value!);
    expect(request.meta?.updateId).toBe('u1');
    expect(request.input?.name).toBe('addItem');
    expect(text(request.input?.args)).toBe('apple');
  });

  it('writes Accepted and Completed where the PROTOCOL_MESSAGE commands put them, and wakes the waiting caller', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    await sendUpdate(engine, 'u1');
    const waiting = sendUpdate(engine, 'u1', 5_000);
    await completeTask(
      engine,
      runId,
      [protocolCommand('u1/accept'), protocolCommand('u1/complete')],
      [acceptance('u1'), response('u1', 'added')],
    );
    const answer = await waiting;
    expect(answer.stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED);
    expect(text(answer.outcome?.success)).toBe('added');

    const history = engine.store.historyOf(runId);
    expect(history.map(typeName).slice(-3)).toEqual([
      'WorkflowTaskCompleted',
      'WorkflowExecutionUpdateAccepted',
      'WorkflowExecutionUpdateCompleted',
    ]);
    const accepted = eventOfType(history, 'WorkflowExecutionUpdateAccepted');
    const acceptedAttributes = accepted.workflowExecutionUpdateAcceptedEventAttributes!;
    expect(acceptedAttributes.protocolInstanceId).toBe('u1');
    expect(acceptedAttributes.acceptedRequestMessageId).toBe('u1/request');
    expect(text(acceptedAttributes.acceptedRequest?.input?.args)).toBe('apple');
    const completed = eventOfType(
      history,
      'WorkflowExecutionUpdateCompleted',
    ).workflowExecutionUpdateCompletedEventAttributes!;
    expect(int64ToNumber(completed.acceptedEventId)).toBe(int64ToNumber(accepted.eventId));
    // Nothing new for the workflow: no further task.
    expect(engine.store.stateOf(runId).workflowTask).toBeUndefined();

    // The same id again is the same update: its outcome, nothing admitted, no task.
    const again = await sendUpdate(engine, 'u1');
    expect(text(again.outcome?.success)).toBe('added');
    expect(engine.store.stateOf(runId).workflowTask).toBeUndefined();
    const polled = await pollWorkflowExecutionUpdate(engine.context, NAMESPACE, {
      updateRef: { workflowExecution: { workflowId: WORKFLOW_ID }, updateId: 'u1' },
      waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED },
    });
    expect(text(polled.outcome?.success)).toBe('added');
  });

  it('answers a rejection as a failed outcome and writes no update event', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    await sendUpdate(engine, 'u1');
    await completeTask(engine, runId, [], [rejection('u1', 'not today')]);
    const answer = await sendUpdate(engine, 'u1');
    expect(answer.stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED);
    expect(answer.outcome?.failure?.message).toBe('not today');
    expect(updateEventTypes(engine, runId)).toEqual([]);
  });

  it('rejects an update the worker was sent but did not answer, instead of sending it forever', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    await sendUpdate(engine, 'u1');
    await completeTask(engine, runId, [], []);
    const answer = await sendUpdate(engine, 'u1');
    expect(answer.outcome?.failure?.message).toMatch(/did not process/);
    expect(engine.store.stateOf(runId).workflowTask).toBeUndefined();
  });

  it('gives an update admitted while a task runs a task of its own', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    const poll = await pollWorkflowTask(engine, runId);
    expect(poll.messages).toEqual([]);
    await sendUpdate(engine, 'late');
    await engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
      taskToken: poll.taskToken!,
      commands: [],
    });
    const next = await pollWorkflowTask(engine, runId);
    expect(next.messages?.map((delivered) => delivered.protocolInstanceId)).toEqual(['late']);
  });

  it('sends an update again with the next attempt when the task that carried it failed', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    await sendUpdate(engine, 'u1');
    const first = await pollWorkflowTask(engine, runId);
    await engine.history.respondWorkflowTaskFailed(NAMESPACE, {
      taskToken: first.taskToken!,
      identity: 'worker',
    });
    const retry = await pollWorkflowTask(engine, runId);
    expect(retry.attempt).toBe(2);
    expect(retry.messages?.map((delivered) => delivered.id)).toEqual(['u1/request']);
  });

  it('fails a workflow task whose PROTOCOL_MESSAGE command names a message it does not carry', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    await sendUpdate(engine, 'u1');
    await expect(completeTask(engine, runId, [protocolCommand('missing')], [])).rejects.toThrow(/missing/);
    expect(engine.store.historyOf(runId).map(typeName).at(-1)).toBe('WorkflowTaskFailed');
  });

  it('fails an accepted update when the run completes, and refuses updates to the closed run', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    await sendUpdate(engine, 'u1');
    await completeTask(engine, runId, [protocolCommand('u1/accept'), completeWorkflow()], [acceptance('u1')]);
    const answer = await sendUpdate(engine, 'u1');
    expect(answer.outcome?.failure?.message).toBe(
      'Workflow Update failed because the Workflow completed before the Update completed.',
    );
    await expect(sendUpdate(engine, 'u2')).rejects.toThrow('workflow execution already completed');
  });

  it('moves an update still waiting for a worker to the run that continues the workflow', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    const poll = await pollWorkflowTask(engine, runId);
    const waiting = sendUpdate(engine, 'u1', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
      taskToken: poll.taskToken!,
      commands: [
        {
          commandType: CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
          continueAsNewWorkflowExecutionCommandAttributes: {
            workflowType: { name: 'ProcessOrder' },
            taskQueue: { name: 'orders' },
          },
        },
      ],
    });
    const next = (await engine.store.currentRun(NAMESPACE.id, WORKFLOW_ID))!.runId;
    expect(next).not.toBe(runId);
    await expect.poll(() => engine.store.stateOf(next).updates?.u1?.stage).toBe('admitted');
    // The new run's first task waits for its (zero) backoff timer; it carries the moved update.
    for (const backoff of engine.store.timersOfType(next, 'workflow-backoff'))
      await fireTimer(engine.context, backoff);
    await completeTask(
      engine,
      next,
      [protocolCommand('u1/accept'), protocolCommand('u1/complete')],
      [acceptance('u1'), response('u1', 'on the new run')],
    );
    const answer = await waiting;
    expect(answer.updateRef?.workflowExecution?.runId).toBe(next);
    expect(text(answer.outcome?.success)).toBe('on the new run');
  });

  describe('speculative workflow tasks', () => {
    /** A run whose first task completed: idle, history [Started, Scheduled, Started, Completed]. */
    async function idleRun(engine: MemoryEngine) {
      const runId = await startWorkflow(engine.history);
      await completeTask(engine, runId, [], []);
      return runId;
    }

    it('drops a task that only carried rejected updates: no event, the worker rolls back, the caller hears', async () => {
      const engine = memoryEngine();
      const runId = await idleRun(engine);
      const before = engine.store.historyOf(runId).map(typeName);
      const waiting = sendUpdate(engine, 'u1', 5_000);
      await expect.poll(() => engine.store.stateOf(runId).workflowTask?.speculative).toBe(true);
      const poll = await pollWorkflowTask(engine, runId);
      // The poller sees the task's Scheduled/Started events; history does not have them.
      expect(poll.history?.events?.map(typeName).slice(-2)).toEqual([
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
      ]);
      expect(engine.store.historyOf(runId).map(typeName)).toEqual(before);
      const response = await engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
        taskToken: poll.taskToken!,
        commands: [],
        messages: [rejection('u1', 'no')],
      });
      expect(int64ToNumber(response.resetHistoryEventId)).toBe(3);
      expect((await waiting).outcome?.failure?.message).toBe('no');
      expect(engine.store.historyOf(runId).map(typeName)).toEqual(before);
      expect(engine.store.stateOf(runId).workflowTask).toBeUndefined();
    });

    it('writes the task like a normal one once the worker accepts an update', async () => {
      const engine = memoryEngine();
      const runId = await idleRun(engine);
      await sendUpdate(engine, 'u1');
      const response = await completeTask(engine, runId, [protocolCommand('u1/accept')], [acceptance('u1')]);
      expect(response.resetHistoryEventId).toBeFalsy();
      expect(engine.store.historyOf(runId).map(typeName).slice(4)).toEqual([
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
        'WorkflowTaskCompleted',
        'WorkflowExecutionUpdateAccepted',
      ]);
    });

    it("does not let a dropped task's timeout time out the next task with the same ids", async () => {
      const engine = memoryEngine();
      const runId = await idleRun(engine);
      await sendUpdate(engine, 'u1');
      await completeTask(engine, runId, [], [rejection('u1', 'no')]);
      const [droppedTimer] = engine.store.timersOfType(runId, 'workflow-task-timeout').slice(-1);
      engine.clock.now += 1_000;
      await sendUpdate(engine, 'u2');
      await pollWorkflowTask(engine, runId);
      const task = engine.store.stateOf(runId).workflowTask!;
      expect(task).toMatchObject({ scheduledEventId: droppedTimer!.payload.scheduledEventId, attempt: 1 });

      engine.clock.now = droppedTimer!.fireAtMs;
      await fireTimer(engine.context, droppedTimer!);
      expect(engine.store.stateOf(runId).workflowTask?.startedEventId).toBe(task.startedEventId);

      const [ownTimer] = engine.store.timersOfType(runId, 'workflow-task-timeout').slice(-1);
      engine.clock.now = ownTimer!.fireAtMs;
      await fireTimer(engine.context, ownTimer!);
      expect(engine.store.historyOf(runId).map(typeName).slice(4)).toEqual([
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
        'WorkflowTaskTimedOut',
      ]);
    });

    it('writes a failed speculative task with its failure, and sends the update again', async () => {
      const engine = memoryEngine();
      const runId = await idleRun(engine);
      await sendUpdate(engine, 'u1');
      const poll = await pollWorkflowTask(engine, runId);
      await engine.history.respondWorkflowTaskFailed(NAMESPACE, {
        taskToken: poll.taskToken!,
        identity: 'worker',
      });
      expect(engine.store.historyOf(runId).map(typeName).slice(4)).toEqual([
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
        'WorkflowTaskFailed',
      ]);
      const retry = await pollWorkflowTask(engine, runId);
      expect(retry.messages?.map((delivered) => delivered.id)).toEqual(['u1/request']);
    });
  });

  it("refuses an eleventh update in flight and the run's 2001st update, as Temporal's limits do", async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    for (let index = 0; index < MAX_IN_FLIGHT_UPDATES; index += 1) await sendUpdate(engine, `u${index}`);
    const refused = await sendUpdate(engine, 'one-too-many').catch((caught: unknown) => caught);
    expect(refused).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      message: 'limit on number of concurrent in-flight updates has been reached (10)',
      detail: { type: 'ResourceExhausted', cause: 'CONCURRENT_LIMIT', scope: 'NAMESPACE' },
    });
    // A known id is not a new update: still answered.
    expect((await sendUpdate(engine, 'u0')).stage).toBe(
      Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED,
    );

    const state = engine.store.stateOf(runId);
    state.updates = Object.fromEntries(
      Array.from({ length: MAX_TOTAL_UPDATES }, (_, index) => [
        `done-${index}`,
        { stage: 'completed' as const, admittedTimeMs: 0, acceptedEventId: 3, completedEventId: 4 },
      ]),
    );
    engine.store.seed(state, engine.store.historyOf(runId));
    await expect(sendUpdate(engine, 'past-the-total')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'limit on number of total updates has been reached (2000)',
    });
  });

  it('starts a run with the update admitted (update-with-start), or hands it to the running one', async () => {
    const engine = memoryEngine();
    const start = {
      workflowId: WORKFLOW_ID,
      workflowType: { name: 'ProcessOrder' },
      taskQueue: { name: 'orders' },
      requestId: 'start-1',
      workflowIdConflictPolicy:
        temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
    };
    const first = await updateWithStartWorkflowExecution(
      engine.context,
      NAMESPACE,
      start,
      updateRequest('u1'),
      undefined,
      {
        waitMs: 0,
      },
    );
    expect(first.start.started).toBe(true);
    expect(first.update.stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED);
    const runId = first.start.runId!;
    expect(engine.store.historyOf(runId).map(typeName)).toEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
    ]);
    const poll = await pollWorkflowTask(engine, runId);
    expect(poll.messages?.map((delivered) => delivered.id)).toEqual(['u1/request']);

    const second = await updateWithStartWorkflowExecution(
      engine.context,
      NAMESPACE,
      { ...start, requestId: 'start-2' },
      updateRequest('u2'),
      undefined,
      { waitMs: 0 },
    );
    expect(second.start).toEqual({ runId, started: false });
    expect(engine.store.stateOf(runId).updates?.u2?.stage).toBe('admitted');
  });
});
