import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { updateExecution } from '../src/engine/engine-context.ts';
import { HistoryEngine } from '../src/history-engine.ts';
import { startRun } from '../src/transitions/start-run.ts';
import { NAMESPACE_ID } from './support/execution-fixture.ts';
import {
  footprint,
  persistedEventTypes,
  storeContext,
  useEngineDatabase,
  workflowIdOnShard,
} from './support/engine-database.ts';
import { NAMESPACE, pollFirstWorkflowTask, startWorkflow } from './support/workflow-driver.ts';

const SHARDS = 2;
const database = useEngineDatabase('history_run_chain');

async function startedRun() {
  const lease = await database.startLeases('a', SHARDS);
  const context = storeContext(database.pool, lease, SHARDS);
  const history = new HistoryEngine(context);
  const workflowId = workflowIdOnShard(1, SHARDS, 'chain');
  const runId = await startWorkflow(history, workflowId);
  return { context, history, workflowId, runId };
}

async function currentRow(workflowId: string) {
  const { rows } = await database.pool.query<{ run_id: string; status: string }>(
    'SELECT run_id, status FROM current_executions WHERE namespace_id = $1 AND workflow_id = $2',
    [NAMESPACE_ID, workflowId],
  );
  return rows[0];
}

describe('a chained run on Postgres', () => {
  it('is written with the close of its predecessor in one transaction and takes over the workflow id', async () => {
    const { history, workflowId, runId } = await startedRun();
    const poll = await pollFirstWorkflowTask(history, workflowId, runId);

    await history.respondWorkflowTaskCompleted(NAMESPACE, {
      taskToken: poll.taskToken,
      commands: [
        {
          commandType: temporal.api.enums.v1.CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
          continueAsNewWorkflowExecutionCommandAttributes: {},
        },
      ],
    });

    const current = await currentRow(workflowId);
    expect(current?.run_id).not.toBe(runId);
    expect(current?.status).toBe('running');
    expect((await persistedEventTypes(database.pool, runId)).slice(-1)).toEqual([
      'WorkflowExecutionContinuedAsNew',
    ]);
    expect(await persistedEventTypes(database.pool, current!.run_id)).toEqual(['WorkflowExecutionStarted']);
    const { rows } = await database.pool.query<{ run_id: string; status: string }>(
      'SELECT run_id, status FROM executions WHERE workflow_id = $1 ORDER BY start_time',
      [workflowId],
    );
    expect(rows).toEqual([
      { run_id: runId, status: 'continued_as_new' },
      { run_id: current!.run_id, status: 'running' },
    ]);
    // The continued run waits out the minimal interval between runs on a durable backoff timer.
    const { rows: timers } = await database.pool.query<{ type: string }>(
      `SELECT payload->>'type' AS type FROM timer_tasks WHERE run_id = $1`,
      [current!.run_id],
    );
    expect(timers.map((timer) => timer.type)).toEqual(['workflow-backoff']);
  });

  it('writes neither run when writing the new one fails', async () => {
    const { context, workflowId, runId } = await startedRun();
    const ref = { namespaceId: NAMESPACE_ID, workflowId, runId };
    const before = await footprint(database.pool, runId);

    const write = updateExecution(context, ref, (mutation) => {
      mutation.append('workflowExecutionSignaled', { signalName: 'closing' });
      // A successor that reuses the run's own id: its execution row collides inside the transaction.
      mutation.successor = startRun(
        {
          namespaceId: NAMESPACE_ID,
          workflowId,
          runId,
          firstExecutionRunId: runId,
          workflowType: 'ProcessOrder',
          taskQueue: 'orders',
          input: null,
          header: null,
          memo: null,
          searchAttributes: null,
          executionTimeoutMs: undefined,
          runTimeoutMs: undefined,
          workflowTaskTimeoutMs: 10_000,
          executionExpirationTimeMs: undefined,
          retryPolicy: undefined,
          cronSchedule: undefined,
          firstWorkflowTaskBackoffMs: 0,
          attempt: 1,
          requestId: 'collide',
          identity: undefined,
          initiator: undefined,
          continuedExecutionRunId: runId,
          continuedFailure: null,
          lastCompletionResult: null,
        },
        mutation.now,
      );
    });

    await expect(write).rejects.toThrow(/executions_pkey|duplicate key/);
    expect(await footprint(database.pool, runId)).toEqual(before);
    expect((await currentRow(workflowId))?.run_id).toBe(runId);
  });
});
