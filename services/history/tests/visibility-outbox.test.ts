import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { topics } from '@kairos/bus';
import { temporal } from '@kairos/proto';
import { decodeVisibilityChange, type VisibilityChange } from '@kairos/visibility';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineContext } from '../src/engine/engine-context.ts';
import { HistoryEngine } from '../src/history-engine.ts';
import type { TaskMessage } from '../src/task-message.ts';
import { reindexVisibility } from '../src/visibility/reindex-visibility.ts';
import { SearchAttributeLookups } from '../src/visibility/search-attribute-lookups.ts';
import { completeWorkflow } from './support/commands.ts';
import { NAMESPACE_ID } from './support/execution-fixture.ts';
import { persistedEventTypes, storeContext, useEngineDatabase } from './support/engine-database.ts';
import { NAMESPACE, pollTask, startWorkflow } from './support/workflow-driver.ts';

const SHARDS = 2;
const { CommandType, WorkflowTaskFailedCause } = temporal.api.enums.v1;
const HistoryEvent = temporal.api.history.v1.HistoryEvent;
const SearchAttributes = temporal.api.common.v1.SearchAttributes;
type ICommand = temporal.api.command.v1.ICommand;

const database = useEngineDatabase('history_visibility', { alsoTruncate: ['search_attributes'] });

beforeEach(async () => {
  await database.pool.query(
    `INSERT INTO search_attributes (namespace_id, name, type) VALUES ($1, 'CustomerId', 'Keyword'), ($1, 'Amount', 'Int')`,
    [NAMESPACE_ID],
  );
});

/** An engine over the real store, its registry read from `search_attributes` as the service does. */
async function engine(): Promise<HistoryEngine> {
  const lease = await database.startLeases('a', SHARDS);
  const lookups = new SearchAttributeLookups(database.pool, { ttlMs: 0 });
  const context: EngineContext = {
    ...storeContext(database.pool, lease, SHARDS),
    searchAttributeLookup: (namespaceId) => lookups.lookupFor(namespaceId),
  };
  return new HistoryEngine(context);
}

interface VisibilityRow {
  shardId: number;
  key: string;
  change: VisibilityChange;
}

/** The visibility outbox rows, oldest first, as the indexer will decode them. */
async function visibilityRows(workflowId?: string): Promise<VisibilityRow[]> {
  const { rows } = await database.pool.query<{ shard_id: number; key: string; payload: unknown }>(
    `SELECT shard_id, key, payload FROM outbox WHERE topic = $1 AND ($2::text IS NULL OR payload->>'workflowId' = $2)
      ORDER BY id`,
    [topics.visibility, workflowId ?? null],
  );
  return rows.map((row) => ({
    shardId: row.shard_id,
    key: row.key,
    change: decodeVisibilityChange(JSON.stringify(row.payload)),
  }));
}

async function dbVersion(runId: string): Promise<string> {
  const { rows } = await database.pool.query<{ db_version: string }>(
    'SELECT db_version FROM executions WHERE run_id = $1',
    [runId],
  );
  return rows[0]!.db_version;
}

/** Polls the run's newest workflow task from the outbox and completes it with `commands`. */
async function completeTask(history: HistoryEngine, runId: string, commands: ICommand[]) {
  const { rows } = await database.pool.query<{ payload: TaskMessage }>(
    `SELECT payload FROM outbox WHERE topic = $1 AND payload->>'runId' = $2 AND payload->>'kind' = 'workflow'
      ORDER BY id DESC LIMIT 1`,
    [topics.tasks, runId],
  );
  const poll = await pollTask(history, rows[0]!.payload);
  return history.respondWorkflowTaskCompleted(NAMESPACE, { taskToken: poll.taskToken, commands });
}

function json(value: unknown): temporal.api.common.v1.IPayload {
  return {
    metadata: { encoding: Buffer.from('json/plain') },
    data: Buffer.from(JSON.stringify(value)),
  };
}

function upsert(fields: Record<string, unknown>): ICommand {
  return {
    commandType: CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
    upsertWorkflowSearchAttributesCommandAttributes: {
      searchAttributes: {
        indexedFields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, json(value)])),
      },
    },
  };
}

function decodedSearchAttributes(change: VisibilityChange): Record<string, unknown> {
  const decoded = SearchAttributes.decode(Buffer.from(change.searchAttributes ?? '', 'base64'));
  return Object.fromEntries(
    Object.entries(decoded.indexedFields).map(([name, payload]) => [
      name,
      JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')) as unknown,
    ]),
  );
}

describe('visibility changes through the outbox', () => {
  it('start: one row, version 1, Running, keyed by namespace and workflow id on the run’s shard', async () => {
    const history = await engine();
    const runId = await startWorkflow(history, 'vis-start');

    const rows = await visibilityRows();

    expect(rows).toHaveLength(1);
    const { rows: execution } = await database.pool.query<{ shard_id: number }>(
      'SELECT shard_id FROM executions WHERE run_id = $1',
      [runId],
    );
    expect(rows[0]).toMatchObject({
      shardId: execution[0]!.shard_id,
      key: `${NAMESPACE_ID}/vis-start`,
      change: {
        runId,
        workflowId: 'vis-start',
        workflowType: 'ProcessOrder',
        taskQueue: 'orders',
        status: 'Running',
        version: '1',
        closeTimeMs: null,
        historyLength: 2,
      },
    });
  });

  it('sends nothing for writes visibility does not show (a workflow task started)', async () => {
    const history = await engine();
    const runId = await startWorkflow(history, 'vis-quiet');
    const { rows } = await database.pool.query<{ payload: TaskMessage }>(
      `SELECT payload FROM outbox WHERE topic = $1 AND payload->>'runId' = $2`,
      [topics.tasks, runId],
    );

    await pollTask(history, rows[0]!.payload);

    expect(await dbVersion(runId)).toBe('2');
    expect(await visibilityRows()).toHaveLength(1);
  });

  it('upsert: a row with the merged search attributes at the new db_version', async () => {
    const history = await engine();
    const runId = await startWorkflow(history, 'vis-upsert');

    await completeTask(history, runId, [upsert({ CustomerId: 'c-7' }), upsert({ Amount: 42 })]);

    const rows = await visibilityRows();
    expect(rows).toHaveLength(2);
    const upserted = rows[1]!.change;
    expect(upserted).toMatchObject({ status: 'Running', version: await dbVersion(runId) });
    expect(decodedSearchAttributes(upserted)).toEqual({ CustomerId: 'c-7', Amount: 42 });
  });

  it('close: a row with the status, the close time and the final history length and size', async () => {
    const history = await engine();
    const runId = await startWorkflow(history, 'vis-close');

    await completeTask(history, runId, [completeWorkflow()]);

    const rows = await visibilityRows();
    expect(rows.map((row) => row.change.status)).toEqual(['Running', 'Completed']);
    const closed = rows[1]!.change;
    const { rows: execution } = await database.pool.query<{
      next_event_id: number;
      size: string;
      close_time: Date;
    }>(
      `SELECT next_event_id, (state->>'historySizeBytes') AS size, close_time FROM executions WHERE run_id = $1`,
      [runId],
    );
    const events = await persistedEventTypes(database.pool, runId);
    expect(events.at(-1)).toBe('WorkflowExecutionCompleted');
    expect(closed).toMatchObject({
      version: await dbVersion(runId),
      closeTimeMs: execution[0]!.close_time.getTime(),
      historyLength: events.length,
      historySizeBytes: Number(execution[0]!.size),
    });
    expect(execution[0]!.next_event_id - 1).toBe(events.length);
  });

  it('continue-as-new: rows for the closed run and the new run, in the same write', async () => {
    const history = await engine();
    const runId = await startWorkflow(history, 'vis-chain');

    await completeTask(history, runId, [
      {
        commandType: CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
        continueAsNewWorkflowExecutionCommandAttributes: {},
      },
    ]);

    const rows = await visibilityRows();
    const { rows: current } = await database.pool.query<{ run_id: string }>(
      'SELECT run_id FROM current_executions WHERE workflow_id = $1',
      ['vis-chain'],
    );
    const nextRunId = current[0]!.run_id;
    expect(nextRunId).not.toBe(runId);
    expect(rows.map((row) => [row.change.runId, row.change.status, row.change.version])).toEqual([
      [runId, 'Running', '1'],
      [runId, 'ContinuedAsNew', await dbVersion(runId)],
      [nextRunId, 'Running', '1'],
    ]);
    expect(rows[1]!.change.closeTimeMs).not.toBeNull();
  });

  it('re-index: one row per run with its current db_version, optionally one namespace', async () => {
    const history = await engine();
    const first = await startWorkflow(history, 'vis-reindex-1');
    const second = await startWorkflow(history, 'vis-reindex-2');
    await completeTask(history, second, [completeWorkflow()]);
    await database.pool.query('DELETE FROM outbox');

    // A batch of 1 walks the keyset page by page.
    expect(await reindexVisibility(database.pool, { batchSize: 1, now: () => 123 })).toBe(2);

    const rows = await visibilityRows();
    expect(
      rows.map((row) => [row.change.runId, row.change.status, row.change.version, row.change.changedAtMs]),
    ).toEqual([
      [first, 'Running', '1', 123],
      [second, 'Completed', await dbVersion(second), 123],
    ]);
    expect(
      await reindexVisibility(database.pool, { namespaceId: '00000000-0000-4000-8000-000000000000' }),
    ).toBe(0);
    expect(await reindexVisibility(database.pool, { namespaceId: NAMESPACE_ID })).toBe(2);
  });

  it('re-index from the command line prints how many runs it queued', async () => {
    const history = await engine();
    await startWorkflow(history, 'vis-cli-1');
    await startWorkflow(history, 'vis-cli-2');
    await startWorkflow(history, 'vis-cli-3');
    await database.pool.query('DELETE FROM outbox');

    const cli = fileURLToPath(new URL('../src/cli/reindex-visibility.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli], {
      env: { ...process.env, DATABASE_URL: database.url },
    });

    expect(stdout.trim()).toBe('queued 3 runs for re-indexing');
    expect(await visibilityRows()).toHaveLength(3);

    const unknown = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, '--namespace', 'nope'],
      {
        env: { ...process.env, DATABASE_URL: database.url },
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('reindex-visibility: no namespace named "nope"');
    expect(await visibilityRows()).toHaveLength(3);
  }, 60_000);
});

describe('upserted search attributes against the namespace’s registry', () => {
  async function failedTask(fields: Record<string, unknown>, workflowId: string) {
    const history = await engine();
    const runId = await startWorkflow(history, workflowId);
    const answer = completeTask(history, runId, [upsert(fields)]);
    await expect(answer).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const message = await answer.then(
      () => '',
      (error: unknown) => (error as Error).message,
    );
    const { rows } = await database.pool.query<{ data: Buffer }>(
      'SELECT data FROM history_events WHERE run_id = $1 ORDER BY event_id',
      [runId],
    );
    const failed = rows
      .map((row) => HistoryEvent.decode(row.data))
      .find((event) => event.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes;
    return { runId, message, failed };
  }

  it('fails the workflow task with BAD_SEARCH_ATTRIBUTES naming an unregistered attribute', async () => {
    const { message, failed, runId } = await failedTask({ NotRegistered: 'x' }, 'vis-unregistered');

    expect(message).toBe(
      'BadSearchAttributes: upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFields.NotRegistered: search attribute NotRegistered is not defined',
    );
    expect(failed?.cause).toBe(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES);
    expect(failed?.failure?.message).toBe(message);
    // Nothing of the commands is kept: visibility still shows the start only.
    expect((await visibilityRows()).map((row) => row.change.runId)).toEqual([runId]);
  });

  it('fails it for a value of the wrong type (a string for an Int attribute)', async () => {
    const { message, failed } = await failedTask({ Amount: 'forty-two' }, 'vis-wrong-type');

    expect(message).toContain('invalid value for search attribute Amount of type Int');
    expect(failed?.cause).toBe(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES);
  });

  it('fails it for a system attribute', async () => {
    const { message } = await failedTask({ WorkflowId: 'mine' }, 'vis-system');

    expect(message).toContain('WorkflowId is a system search attribute and cannot be set');
  });

  it('sees an attribute registered after the first read once the cache has expired (ttl 0 here)', async () => {
    const history = await engine();
    const runId = await startWorkflow(history, 'vis-late-registration');
    await database.pool.query(
      `INSERT INTO search_attributes (namespace_id, name, type) VALUES ($1, 'Region', 'Keyword')`,
      [NAMESPACE_ID],
    );

    await completeTask(history, runId, [upsert({ Region: 'eu' })]);

    const rows = await visibilityRows('vis-late-registration');
    expect(decodedSearchAttributes(rows.at(-1)!.change)).toEqual({ Region: 'eu' });
  });
});
