import { topics } from '@kairos/bus';
import type pg from 'pg';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { transferTaskKey } from './transfer-task.ts';

/**
 * Writes a mutation's transfer tasks into the outbox inside the execution's transaction, so they exist
 * exactly when the events that caused them do (see transfer-task.ts for the whole path).
 */
export async function insertTransferTasks(
  client: pg.PoolClient,
  shardId: number,
  mutation: ExecutionMutation,
): Promise<void> {
  if (mutation.transfers.length === 0) return;
  const keys = mutation.transfers.map((task) => transferTaskKey(task));
  const payloads = mutation.transfers.map((task) => JSON.stringify(task));
  await client.query(
    `INSERT INTO outbox (shard_id, topic, key, payload) SELECT $1, $2, * FROM unnest($3::text[], $4::jsonb[])`,
    [shardId, topics.historyTransfer, keys, payloads],
  );
}
