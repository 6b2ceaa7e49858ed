import { topics } from '@kairos/bus';
import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { HistoryEngine } from '../src/history-engine.ts';
import { transferTaskSchema, type TransferTask } from '../src/transfer/transfer-task.ts';
import { NAMESPACE_ID, TASK_QUEUE } from './support/execution-fixture.ts';
import {
  persistedEventTypes,
  storeContext,
  useEngineDatabase,
  workflowIdOnShard,
} from './support/engine-database.ts';
import { NAMESPACE, pollFirstWorkflowTask, startWorkflow } from './support/workflow-driver.ts';

const { CommandType } = temporal.api.enums.v1;
const SHARDS = 4;
const database = useEngineDatabase('history_child_transfers');

/** An engine with no background queues: the test plays the transfer consumer, redeliveries included. */
async function engine() {
  const lease = await database.startLeases('a', SHARDS);
  return new HistoryEngine(storeContext(database.pool, lease, SHARDS));
}

async function outboxTransfers(): Promise<TransferTask[]> {
  const { rows } = await database.pool.query<{ payload: unknown; key: string }>(
    'SELECT payload, key FROM outbox WHERE topic = $1 ORDER BY id',
    [topics.historyTransfer],
  );
  return rows.map((row) => transferTaskSchema.parse(row.payload));
}

async function runsOf(workflowId: string) {
  const { rows } = await database.pool.query<{ run_id: string; status: string }>(
    'SELECT run_id, status FROM executions WHERE namespace_id = $1 AND workflow_id = $2 ORDER BY start_time',
    [NAMESPACE_ID, workflowId],
  );
  return rows;
}

/** Starts a parent on shard 0 whose first workflow task issues `commands`. */
async function parentIssuing(history: HistoryEngine, commands: temporal.api.command.v1.ICommand[]) {
  const workflowId = workflowIdOnShard(0, SHARDS, 'parent');
  const runId = await startWorkflow(history, workflowId);
  const poll = await pollFirstWorkflowTask(history, workflowId, runId);
  await history.respondWorkflowTaskCompleted(NAMESPACE, { taskToken: poll.taskToken, commands });
  return { workflowId, runId };
}

/** What the consumer does with one message: the task, then its follow-ups. */
/**
 * A running target on another shard and a sender whose workflow task issued one signal or cancel
 * request for it; answers the transfer task that command wrote.
 */
async function targetAndSender(history: HistoryEngine, targetPrefix: string, kind: 'signal' | 'cancel') {
  const targetId = workflowIdOnShard(2, SHARDS, targetPrefix);
  const targetRunId = await startWorkflow(history, targetId);
  const command: temporal.api.command.v1.ICommand =
    kind === 'signal'
      ? {
          commandType: CommandType.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION,
          signalExternalWorkflowExecutionCommandAttributes: {
            namespace: NAMESPACE.name,
            execution: { workflowId: targetId },
            signalName: 'poke',
          },
        }
      : {
          commandType: CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION,
          requestCancelExternalWorkflowExecutionCommandAttributes: {
            namespace: NAMESPACE.name,
            workflowId: targetId,
          },
        };
  const sender = await parentIssuing(history, [command]);
  const [task] = await outboxTransfers();
  expect(task).toMatchObject({ kind: `${kind}-external`, target: { workflowId: targetId } });
  return { targetId, targetRunId, sender, task: task! };
}

async function consume(history: HistoryEngine, task: TransferTask): Promise<void> {
  let pending = [task];
  while (pending.length > 0) {
    const next: TransferTask[] = [];
    for (const each of pending) next.push(...(await history.processTransfer(each)));
    pending = next;
  }
}

/** The run's first workflow task continues it as new; answers the successor's run id. */
async function continueAsNew(history: HistoryEngine, workflowId: string, runId: string) {
  const poll = await pollFirstWorkflowTask(history, workflowId, runId);
  await history.respondWorkflowTaskCompleted(NAMESPACE, {
    taskToken: poll.taskToken,
    commands: [
      {
        commandType: CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
        continueAsNewWorkflowExecutionCommandAttributes: {
          workflowType: { name: 'ProcessOrder' },
          taskQueue: { name: TASK_QUEUE },
        },
      },
    ],
  });
  const runs = await runsOf(workflowId);
  expect(runs.map((run) => run.status)).toEqual(['continued_as_new', 'running']);
  return runs[1]!.run_id;
}

/** All event types of a workflow id's runs, oldest run first. */
async function chainEventTypes(workflowId: string): Promise<string[]> {
  const types: string[] = [];
  for (const run of await runsOf(workflowId))
    types.push(...(await persistedEventTypes(database.pool, run.run_id)));
  return types;
}

describe('transfer tasks on Postgres', () => {
  it('start one child however often the start is delivered, and tell the parent once', async () => {
    const history = await engine();
    const childId = workflowIdOnShard(3, SHARDS, 'child');
    const parent = await parentIssuing(history, [
      {
        commandType: CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION,
        startChildWorkflowExecutionCommandAttributes: {
          namespace: NAMESPACE.name,
          workflowId: childId,
          workflowType: { name: 'ShipOrder' },
        },
      },
    ]);
    const [startChild] = await outboxTransfers();
    expect(startChild).toMatchObject({ kind: 'start-child', target: { workflowId: childId } });

    // Delivered three times, twice concurrently: one child run, one ChildWorkflowExecutionStarted.
    await Promise.all([consume(history, startChild!), consume(history, startChild!)]);
    await consume(history, startChild!);
    const childRuns = await runsOf(childId);
    expect(childRuns).toHaveLength(1);
    const parentTypes = await persistedEventTypes(database.pool, parent.runId);
    expect(parentTypes.filter((type) => type === 'ChildWorkflowExecutionStarted')).toHaveLength(1);
    expect(parentTypes).not.toContain('StartChildWorkflowExecutionFailed');
    expect(parentTypes.slice(-2)).toEqual(['ChildWorkflowExecutionStarted', 'WorkflowTaskScheduled']);

    // The child closes; its close reaches the parent once, however often it is delivered.
    await history.terminateWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: childId },
      reason: 'test',
    });
    const childClosed = (await outboxTransfers()).find((task) => task.kind === 'child-closed');
    expect(childClosed).toMatchObject({ target: { workflowId: parent.workflowId, runId: parent.runId } });
    await consume(history, childClosed!);
    await consume(history, childClosed!);
    const after = await persistedEventTypes(database.pool, parent.runId);
    expect(after.filter((type) => type === 'ChildWorkflowExecutionTerminated')).toHaveLength(1);
    // A start delivered after the child closed does not start it again.
    await consume(history, startChild!);
    expect(await runsOf(childId)).toHaveLength(1);
  });

  it('signal another workflow once however often the signal is delivered', async () => {
    const history = await engine();
    const { targetRunId, sender, task: signalTask } = await targetAndSender(history, 'target', 'signal');
    await consume(history, signalTask);
    await consume(history, signalTask);
    const targetTypes = await persistedEventTypes(database.pool, targetRunId);
    expect(targetTypes.filter((type) => type === 'WorkflowExecutionSignaled')).toHaveLength(1);
    const senderTypes = await persistedEventTypes(database.pool, sender.runId);
    expect(senderTypes.filter((type) => type === 'ExternalWorkflowExecutionSignaled')).toHaveLength(1);
  });

  it('tell the parent its child started when the start is redelivered after the child continued as new', async () => {
    const history = await engine();
    const childId = workflowIdOnShard(3, SHARDS, 'continuing-child');
    const parent = await parentIssuing(history, [
      {
        commandType: CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION,
        startChildWorkflowExecutionCommandAttributes: {
          namespace: NAMESPACE.name,
          workflowId: childId,
          workflowType: { name: 'ProcessOrder' },
          taskQueue: { name: TASK_QUEUE },
        },
      },
    ]);
    const [startChild] = await outboxTransfers();
    // The child starts, but telling the parent fails: the consumer will redeliver the start.
    const [lost] = await history.processTransfer(startChild!);
    expect(lost).toMatchObject({ kind: 'child-started' });
    const firstRunId = (await runsOf(childId))[0]!.run_id;
    await continueAsNew(history, childId, firstRunId);

    await consume(history, startChild!);
    await consume(history, startChild!);
    expect(await runsOf(childId)).toHaveLength(2);
    const parentTypes = await persistedEventTypes(database.pool, parent.runId);
    expect(parentTypes).not.toContain('StartChildWorkflowExecutionFailed');
    expect(parentTypes.filter((type) => type === 'ChildWorkflowExecutionStarted')).toHaveLength(1);
    const { history: events } = await history.getWorkflowExecutionHistory(NAMESPACE, {
      execution: { workflowId: parent.workflowId, runId: parent.runId },
    });
    const started = events?.events?.find((event) => event.childWorkflowExecutionStartedEventAttributes);
    // As Temporal: the started event names the chain's first run.
    expect(started?.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.runId).toBe(firstRunId);
  });

  it('record a delivered cancel request as delivered when the redelivery finds the target closed', async () => {
    const history = await engine();
    const {
      targetId,
      targetRunId,
      sender,
      task: cancelTask,
    } = await targetAndSender(history, 'cancelled-target', 'cancel');
    // Delivered, but recording the outcome in the sender fails; the target then closes (as cancelled
    // workflows do) before the redelivery.
    const [lost] = await history.processTransfer(cancelTask);
    expect(lost).toMatchObject({ kind: 'external-outcome', delivered: true });
    await history.terminateWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: targetId },
      reason: 'test',
    });

    await consume(history, cancelTask);
    await consume(history, cancelTask);
    const targetTypes = await persistedEventTypes(database.pool, targetRunId);
    expect(targetTypes.filter((type) => type === 'WorkflowExecutionCancelRequested')).toHaveLength(1);
    const senderTypes = await persistedEventTypes(database.pool, sender.runId);
    expect(senderTypes).not.toContain('RequestCancelExternalWorkflowExecutionFailed');
    expect(senderTypes.filter((type) => type === 'ExternalWorkflowExecutionCancelRequested')).toHaveLength(1);
  });

  it('signal a target once when it continued as new between deliveries', async () => {
    const history = await engine();
    const {
      targetId,
      targetRunId,
      sender,
      task: signalTask,
    } = await targetAndSender(history, 'continuing-target', 'signal');
    expect(signalTask.target.runId ?? '').toBe('');
    const [lost] = await history.processTransfer(signalTask);
    expect(lost).toMatchObject({ kind: 'external-outcome', delivered: true });
    await continueAsNew(history, targetId, targetRunId);

    await consume(history, signalTask);
    await consume(history, signalTask);
    const chainTypes = await chainEventTypes(targetId);
    expect(chainTypes.filter((type) => type === 'WorkflowExecutionSignaled')).toHaveLength(1);
    const senderTypes = await persistedEventTypes(database.pool, sender.runId);
    expect(senderTypes).not.toContain('SignalExternalWorkflowExecutionFailed');
    expect(senderTypes.filter((type) => type === 'ExternalWorkflowExecutionSignaled')).toHaveLength(1);
  });

  it('start no child once the parent closed', async () => {
    const history = await engine();
    const childId = workflowIdOnShard(3, SHARDS, 'late-child');
    const parent = await parentIssuing(history, [
      {
        commandType: CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION,
        startChildWorkflowExecutionCommandAttributes: {
          workflowId: childId,
          workflowType: { name: 'ShipOrder' },
        },
      },
    ]);
    const [startChild] = await outboxTransfers();
    await history.terminateWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: parent.workflowId },
      reason: 'test',
    });
    expect(await history.processTransfer(startChild!)).toEqual([]);
    expect(await runsOf(childId)).toEqual([]);
  });

  it('refuse a signal of a workflow to itself, as Temporal does', async () => {
    const history = await engine();
    const sender = await parentIssuing(history, [
      {
        commandType: CommandType.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION,
        signalExternalWorkflowExecutionCommandAttributes: {
          execution: { workflowId: workflowIdOnShard(0, SHARDS, 'parent') },
          signalName: 'poke',
        },
      },
    ]);
    for (const task of await outboxTransfers()) await consume(history, task);
    const types = await persistedEventTypes(database.pool, sender.runId);
    expect(types).toContain('SignalExternalWorkflowExecutionFailed');
    expect(types).not.toContain('WorkflowExecutionSignaled');
  });

  it('apply the parent close policy to open children when the parent closes', async () => {
    const history = await engine();
    const terminated = workflowIdOnShard(1, SHARDS, 'terminated-child');
    const abandoned = workflowIdOnShard(2, SHARDS, 'abandoned-child');
    const startCommand = (workflowId: string, policy: temporal.api.enums.v1.ParentClosePolicy) => ({
      commandType: CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION,
      startChildWorkflowExecutionCommandAttributes: {
        namespace: NAMESPACE.name,
        workflowId,
        workflowType: { name: 'ShipOrder' },
        parentClosePolicy: policy,
      },
    });
    const parent = await parentIssuing(history, [
      startCommand(terminated, temporal.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_UNSPECIFIED),
      startCommand(abandoned, temporal.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON),
    ]);
    for (const task of await outboxTransfers()) await consume(history, task);
    await history.terminateWorkflowExecution(NAMESPACE, {
      workflowExecution: { workflowId: parent.workflowId },
      reason: 'test',
    });
    const policies = (await outboxTransfers()).filter((task) => task.kind === 'parent-closed');
    expect(policies).toMatchObject([{ target: { workflowId: terminated }, policy: 'terminate' }]);
    await consume(history, policies[0]!);
    await consume(history, policies[0]!);
    expect(await runsOf(terminated)).toMatchObject([{ status: 'terminated' }]);
    expect(await runsOf(abandoned)).toMatchObject([{ status: 'running' }]);
  });
});
