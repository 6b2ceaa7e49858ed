import { Unavailable } from '@kairos/errors';
import { temporal, int64ToNumber } from '@kairos/proto';
import type pg from 'pg';
import { topics } from '@kairos/bus';
import type { ShardOwnership } from '../shards/shard-ownership.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import type { TimerPayload } from '../state/timer-payload.ts';
import { insertTransferTasks } from '../transfer/transfer-outbox.ts';
import { insertVisibilityChanges, visibilityChangesOfWrite } from '../visibility/visibility-outbox.ts';

const HistoryEvent = temporal.api.history.v1.HistoryEvent;

export interface StoredExecution {
  state: MutableState;
  dbVersion: number;
  shardId: number;
}

export interface CurrentRun {
  runId: string;
  status: MutableState['status'];
  startRequestId: string;
}

/** A timer row as the timer queue sees it. */
export interface TimerRow {
  id: string;
  shardId: number;
  fireAtMs: number;
  namespaceId: string;
  workflowId: string;
  runId: string;
  payload: TimerPayload;
}

/** How the write treats the run's `current_executions` row. */
export type CurrentRunWrite =
  /** A new run becomes current; `replacing` is the run it must still be replacing (or none). */
  | { kind: 'claim'; replacing: string | undefined }
  /** The run stays current; its status is mirrored there. */
  | { kind: 'mirror' };

/** Thrown when another writer updated the execution first; the caller reloads and retries. */
export class ConcurrentUpdate extends Error {}

/** The shard moved to another process; callers elsewhere retry against the new owner. */
export function shardNotOwned(shardId: number): Unavailable {
  return new Unavailable(`history shard ${shardId} is not owned by this process; retry`);
}

/**
 * The executions, their events, and the tasks created with them, in Postgres. Every write is one
 * transaction fenced by the shard's range id (a process that lost the shard cannot write) and guarded
 * by the execution's db_version (two writers cannot both win).
 */
export class ExecutionStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ownership: ShardOwnership,
  ) {}

  async load(namespaceId: string, workflowId: string, runId: string): Promise<StoredExecution | undefined> {
    const { rows } = await this.pool.query<{ state: MutableState; db_version: string; shard_id: number }>(
      `SELECT state, db_version, shard_id FROM executions
        WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3`,
      [namespaceId, workflowId, runId],
    );
    const row = rows[0];
    return row && { state: row.state, dbVersion: Number(row.db_version), shardId: row.shard_id };
  }

  /** Runs of a namespace not yet closed (any shard: a plain read, no ownership needed). */
  async countOpen(namespaceId: string): Promise<number> {
    const { rows } = await this.pool.query<{ open: string }>(
      `SELECT count(*) AS open FROM executions WHERE namespace_id = $1 AND status = 'running'`,
      [namespaceId],
    );
    return Number(rows[0]?.open ?? 0);
  }

  /** The namespace's newest runs by start time (any shard), newest first. */
  async listRecent(namespaceId: string, limit: number): Promise<MutableState[]> {
    const { rows } = await this.pool.query<{ state: MutableState }>(
      `SELECT state FROM executions WHERE namespace_id = $1
        ORDER BY start_time DESC, run_id DESC LIMIT $2`,
      [namespaceId, limit],
    );
    return rows.map((row) => row.state);
  }

  async currentRun(namespaceId: string, workflowId: string): Promise<CurrentRun | undefined> {
    const { rows } = await this.pool.query<{
      run_id: string;
      status: CurrentRun['status'];
      start_request_id: string;
    }>(
      `SELECT run_id, status, start_request_id FROM current_executions WHERE namespace_id = $1 AND workflow_id = $2`,
      [namespaceId, workflowId],
    );
    const row = rows[0];
    return row && { runId: row.run_id, status: row.status, startRequestId: row.start_request_id };
  }

  /** Events with ids in [fromEventId, toEventId), ascending, at most `limit`. */
  readEvents(runId: string, fromEventId: number, toEventId: number, limit: number) {
    return this.readEventRange(runId, fromEventId, toEventId, limit, 'ASC');
  }

  /** Events with ids in [fromEventId, toEventId), descending (newest first), at most `limit`. */
  readEventsReverse(runId: string, fromEventId: number, toEventId: number, limit: number) {
    return this.readEventRange(runId, fromEventId, toEventId, limit, 'DESC');
  }

  private async readEventRange(
    runId: string,
    fromEventId: number,
    toEventId: number,
    limit: number,
    order: 'ASC' | 'DESC',
  ): Promise<temporal.api.history.v1.IHistoryEvent[]> {
    const { rows } = await this.pool.query<{ data: Buffer }>(
      `SELECT data FROM history_events WHERE run_id = $1 AND event_id >= $2 AND event_id < $3
        ORDER BY event_id ${order} LIMIT $4`,
      [runId, fromEventId, toEventId, limit],
    );
    return rows.map((row) => HistoryEvent.decode(row.data));
  }

  /**
   * Writes a transition: the execution row (inserted when `previousDbVersion` is undefined), its new
   * events, outbox messages and timers, and the current-run pointer. Answers the timer rows created so
   * the timer queue can pick up near ones at once; answers undefined when a consumed timer had already
   * been fired elsewhere (nothing written). A mutation's `successor` run is written in the same
   * transaction and becomes the workflow id's current run.
   */
  async persist(
    shardId: number,
    previousDbVersion: number | undefined,
    mutation: ExecutionMutation,
    current: CurrentRunWrite,
  ): Promise<TimerRow[] | undefined> {
    const rangeId = this.ownership.rangeIdOf(shardId);
    if (rangeId === undefined) throw shardNotOwned(shardId);
    const state = mutation.state;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const shard = await client.query<{ range_id: string }>(
        'SELECT range_id FROM history_shards WHERE shard_id = $1 FOR SHARE',
        [shardId],
      );
      if (Number(shard.rows[0]?.range_id) !== rangeId) throw shardNotOwned(shardId);

      for (const timerId of mutation.consumedTimerIds) {
        const deleted = await client.query('DELETE FROM timer_tasks WHERE id = $1', [timerId]);
        if (deleted.rowCount === 0) {
          await client.query('ROLLBACK');
          return undefined;
        }
      }
      // Every write of an existing run is one state transition (Temporal's state_transition_count,
      // shown by describe and visibility); a new run starts at 1.
      if (previousDbVersion !== undefined) {
        state.stateTransitionCount = mutation.initialState.stateTransitionCount + 1;
      }
      await this.writeExecutionRow(client, shardId, previousDbVersion, state);
      await writeCurrentRun(client, state, current);
      await insertEvents(client, state.runId, mutation);
      await insertOutbox(client, shardId, mutation);
      await insertTransferTasks(client, shardId, mutation);
      const timers = await insertTimers(client, shardId, state, mutation);
      const successor = mutation.successor;
      if (successor) {
        // The run that continues this one (continue-as-new, retry, cron) takes over the workflow id.
        await this.writeExecutionRow(client, shardId, undefined, successor.state);
        await writeCurrentRun(client, successor.state, { kind: 'claim', replacing: state.runId });
        await insertEvents(client, successor.state.runId, successor);
        await insertOutbox(client, shardId, successor);
        await insertTransferTasks(client, shardId, successor);
        timers.push(...(await insertTimers(client, shardId, successor.state, successor)));
      }
      // Start, upsert and close reach the visibility indexer through the same outbox, atomically.
      await insertVisibilityChanges(client, visibilityChangesOfWrite(shardId, previousDbVersion, mutation));
      await client.query('COMMIT');
      return timers;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async writeExecutionRow(
    client: pg.PoolClient,
    shardId: number,
    previousDbVersion: number | undefined,
    state: MutableState,
  ): Promise<void> {
    const closeTime = state.closeTimeMs === undefined ? null : new Date(state.closeTimeMs);
    if (previousDbVersion === undefined) {
      await client.query(
        `INSERT INTO executions (namespace_id, workflow_id, run_id, shard_id, status, db_version, next_event_id,
                                 state, start_time, close_time)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)`,
        [
          state.namespaceId,
          state.workflowId,
          state.runId,
          shardId,
          state.status,
          state.nextEventId,
          state,
          new Date(state.startTimeMs),
          closeTime,
        ],
      );
      return;
    }
    const updated = await client.query(
      `UPDATE executions SET status = $4, db_version = db_version + 1, next_event_id = $5, state = $6,
              close_time = $7
        WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3 AND db_version = $8`,
      [
        state.namespaceId,
        state.workflowId,
        state.runId,
        state.status,
        state.nextEventId,
        state,
        closeTime,
        previousDbVersion,
      ],
    );
    if (updated.rowCount === 0) throw new ConcurrentUpdate();
  }
}

async function writeCurrentRun(client: pg.PoolClient, state: MutableState, current: CurrentRunWrite) {
  if (current.kind === 'mirror') {
    await client.query(
      `UPDATE current_executions SET status = $4 WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $3`,
      [state.namespaceId, state.workflowId, state.runId, state.status],
    );
    return;
  }
  const claimed =
    current.replacing === undefined
      ? await client.query(
          `INSERT INTO current_executions (namespace_id, workflow_id, run_id, status, start_request_id)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [state.namespaceId, state.workflowId, state.runId, state.status, state.startRequestId],
        )
      : await client.query(
          `UPDATE current_executions SET run_id = $3, status = $4, start_request_id = $5
            WHERE namespace_id = $1 AND workflow_id = $2 AND run_id = $6`,
          [
            state.namespaceId,
            state.workflowId,
            state.runId,
            state.status,
            state.startRequestId,
            current.replacing,
          ],
        );
  // Another start for the same workflow id won the race; the caller re-evaluates the policies.
  if (claimed.rowCount === 0) throw new ConcurrentUpdate();
}

async function insertEvents(client: pg.PoolClient, runId: string, mutation: ExecutionMutation) {
  if (mutation.events.length === 0) return;
  const ids = mutation.events.map((event) => int64ToNumber(event.eventId));
  const data = mutation.events.map((event) => Buffer.from(HistoryEvent.encode(event).finish()));
  await client.query(
    `INSERT INTO history_events (run_id, event_id, data) SELECT $1, * FROM unnest($2::int[], $3::bytea[])`,
    [runId, ids, data],
  );
}

async function insertOutbox(client: pg.PoolClient, shardId: number, mutation: ExecutionMutation) {
  if (mutation.tasks.length === 0) return;
  const keys = mutation.tasks.map((task) => `${task.namespaceId}/${task.taskQueue}`);
  const payloads = mutation.tasks.map((task) => JSON.stringify(task));
  await client.query(
    `INSERT INTO outbox (shard_id, topic, key, payload) SELECT $1, $2, * FROM unnest($3::text[], $4::jsonb[])`,
    [shardId, topics.tasks, keys, payloads],
  );
}

async function insertTimers(
  client: pg.PoolClient,
  shardId: number,
  state: MutableState,
  mutation: ExecutionMutation,
): Promise<TimerRow[]> {
  if (mutation.timers.length === 0) return [];
  const fireAts = mutation.timers.map((timer) => new Date(timer.fireAtMs));
  const payloads = mutation.timers.map((timer) => JSON.stringify(timer.payload));
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO timer_tasks (shard_id, namespace_id, workflow_id, run_id, fire_at, payload)
     SELECT $1, $2, $3, $4, * FROM unnest($5::timestamptz[], $6::jsonb[]) RETURNING id`,
    [shardId, state.namespaceId, state.workflowId, state.runId, fireAts, payloads],
  );
  return rows.map((row, index) => ({
    id: String(row.id),
    shardId,
    fireAtMs: mutation.timers[index]!.fireAtMs,
    namespaceId: state.namespaceId,
    workflowId: state.workflowId,
    runId: state.runId,
    payload: mutation.timers[index]!.payload,
  }));
}
