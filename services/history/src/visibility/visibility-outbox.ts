import { topics } from '@kairos/bus';
import { encodeVisibilityChange, type VisibilityChange } from '@kairos/visibility';
import type pg from 'pg';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { changesVisibility, visibilityChangeOf } from './visibility-change-of.ts';

/** A visibility change queued by the shard whose relay publishes it. */
export interface QueuedVisibilityChange {
  shardId: number;
  change: VisibilityChange;
}

/**
 * The visibility changes a write of `mutation` makes: the run's when it changes what visibility shows
 * (its version is the db_version the write gives the row: 1 for an insert, else previous + 1), and
 * always the successor run's (continue-as-new, retry, cron), which is inserted at version 1.
 */
export function visibilityChangesOfWrite(
  shardId: number,
  previousDbVersion: number | undefined,
  mutation: ExecutionMutation,
): QueuedVisibilityChange[] {
  const queued: QueuedVisibilityChange[] = [];
  const before = previousDbVersion === undefined ? undefined : mutation.initialState;
  if (changesVisibility(before, mutation.state)) {
    const version = previousDbVersion === undefined ? 1 : previousDbVersion + 1;
    queued.push({ shardId, change: visibilityChangeOf(mutation.state, version, mutation.now) });
  }
  const successor = mutation.successor;
  if (successor) queued.push({ shardId, change: visibilityChangeOf(successor.state, 1, successor.now) });
  return queued;
}

/** The bus key of a run's visibility changes: one workflow id's changes stay in order on one partition. */
export function visibilityKeyOf(change: Pick<VisibilityChange, 'namespaceId' | 'workflowId'>): string {
  return `${change.namespaceId}/${change.workflowId}`;
}

/**
 * Writes visibility changes to the outbox (topic `kairos.visibility`) through `client`, in the
 * caller's transaction when it has one; the owning shard's relay publishes them.
 */
export async function insertVisibilityChanges(
  client: Pick<pg.ClientBase, 'query'>,
  queued: readonly QueuedVisibilityChange[],
): Promise<void> {
  if (queued.length === 0) return;
  await client.query(
    `INSERT INTO outbox (shard_id, topic, key, payload)
     SELECT shard_id, $1, key, payload FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS t(shard_id, key, payload)`,
    [
      topics.visibility,
      queued.map((entry) => entry.shardId),
      queued.map((entry) => visibilityKeyOf(entry.change)),
      queued.map((entry) => encodeVisibilityChange(entry.change)),
    ],
  );
}
