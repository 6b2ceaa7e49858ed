import type pg from 'pg';
import type { MutableState } from '../state/mutable-state.ts';
import { visibilityChangeOf } from './visibility-change-of.ts';
import { insertVisibilityChanges } from './visibility-outbox.ts';

export interface ReindexVisibilityOptions {
  /** Only this namespace's runs; every namespace when absent. */
  namespaceId?: string;
  /** Runs read and queued per statement pair. */
  batchSize?: number;
  now?: () => number;
}

interface ExecutionKey {
  namespaceId: string;
  workflowId: string;
  runId: string;
}

interface ExecutionRow {
  namespace_id: string;
  workflow_id: string;
  run_id: string;
  state: MutableState;
  db_version: string;
  shard_id: number;
}

/**
 * Queues a visibility change for every run in `executions` (after a lost index, a new store, a
 * restore), walking the primary key in pages so no statement holds many rows. Each change carries
 * the run's current db_version: the indexer keeps the highest version it saw, so a run written
 * meanwhile, or a re-index run twice, ends with the same record. The outbox rows go to the run's
 * shard, whose owning process publishes them. Answers how many runs were queued.
 */
export async function reindexVisibility(
  pool: pg.Pool,
  options: ReindexVisibilityOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? Date.now;
  let after: ExecutionKey | undefined;
  let queued = 0;
  for (;;) {
    const { rows } = await pool.query<ExecutionRow>(
      `SELECT namespace_id, workflow_id, run_id, state, db_version, shard_id FROM executions
        WHERE ($1::uuid IS NULL OR namespace_id = $1::uuid)
          AND ($2::uuid IS NULL OR (namespace_id, workflow_id, run_id) > ($2::uuid, $3::text, $4::uuid))
        ORDER BY namespace_id, workflow_id, run_id
        LIMIT $5`,
      [
        options.namespaceId ?? null,
        after?.namespaceId ?? null,
        after?.workflowId ?? null,
        after?.runId ?? null,
        batchSize,
      ],
    );
    if (rows.length === 0) return queued;
    const changedAtMs = now();
    await insertVisibilityChanges(
      pool,
      rows.map((row) => ({
        shardId: row.shard_id,
        change: visibilityChangeOf(row.state, Number(row.db_version), changedAtMs),
      })),
    );
    queued += rows.length;
    const last = rows[rows.length - 1]!;
    after = { namespaceId: last.namespace_id, workflowId: last.workflow_id, runId: last.run_id };
    if (rows.length < batchSize) return queued;
  }
}
