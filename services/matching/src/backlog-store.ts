import { taskMessageDedupeKey, taskMessageSchema, type TaskMessage } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';
import { Semaphore } from './semaphore.ts';
import type { TaskQueueKey } from './task-queue-key.ts';

/** What the caller of `claimOldest` decided about the task it was handed. */
export type ClaimDecision = 'remove' | 'keep';

export interface BacklogStats {
  count: number;
  /** Age of the oldest task (0 when empty). */
  oldestAgeMs: number;
}

/**
 * The durable backlog: tasks no poller took at once wait in `task_queue_tasks`, shared by every
 * matching process. A claim deletes the oldest row inside a transaction that stays open while the
 * caller asks history to start the task, so a process killed in between leaves the row in place
 * (the transaction rolls back) and a transient failure puts it back at its old position.
 */
export class BacklogStore {
  /** Open claims hold a pool connection during a history call; bound them so history never starves. */
  private readonly claims: Semaphore;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    maxOpenClaims = Math.max(1, Math.floor((pool.options.max ?? 10) / 2)),
  ) {
    this.claims = new Semaphore(maxOpenClaims);
  }

  /** Stores a task once per dedupe key (redelivered bus messages are dropped); true when it was new. */
  async insert(task: TaskMessage, createdAt?: Date): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO task_queue_tasks (namespace_id, task_queue, kind, dedupe_key, payload, created_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, CURRENT_TIMESTAMP))
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        task.namespaceId,
        task.taskQueue,
        task.kind,
        taskMessageDedupeKey(task),
        JSON.stringify(task),
        createdAt ?? null,
      ],
    );
    return result.rowCount === 1;
  }

  /**
   * Hands the oldest task of the queue to `use` while holding it; `remove` commits its deletion, `keep`
   * leaves it where it was. Tasks locked by another claim are skipped, so processes never share one.
   */
  async claimOldest<T>(
    key: TaskQueueKey,
    use: (task: TaskMessage) => Promise<{ decision: ClaimDecision; value: T }>,
  ): Promise<{ claimed: false } | { claimed: true; value: T }> {
    for (;;) {
      const outcome = await this.claims.run(() => this.claimOnce(key, use));
      // A row matching cannot read was dropped; look at the next one.
      if (outcome !== 'unreadable') return outcome;
    }
  }

  private async claimOnce<T>(
    key: TaskQueueKey,
    use: (task: TaskMessage) => Promise<{ decision: ClaimDecision; value: T }>,
  ): Promise<{ claimed: false } | { claimed: true; value: T } | 'unreadable'> {
    const client = await this.pool.connect();
    let open = false;
    let broken: Error | undefined;
    // A connection that dies while the claim waits for history emits 'error' (unhandled, it would
    // crash the process); Postgres rolls the claim back and the COMMIT below reports the failure.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      open = true;
      const { rows } = await client.query<{ id: string; payload: unknown }>(
        `DELETE FROM task_queue_tasks
           WHERE id = (
             SELECT id FROM task_queue_tasks
             WHERE namespace_id = $1 AND task_queue = $2 AND kind = $3
             ORDER BY id
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
           RETURNING id, payload`,
        [key.namespaceId, key.name, key.type],
      );
      const row = rows[0];
      if (!row) {
        await client.query('ROLLBACK');
        open = false;
        return { claimed: false };
      }
      const parsed = taskMessageSchema.safeParse(row.payload);
      if (!parsed.success) {
        // Only matching writes this table; a row it cannot read would block the queue forever.
        this.logger.error({ id: row.id, issues: parsed.error.issues }, 'dropping unreadable backlog task');
        await client.query('COMMIT');
        open = false;
        return 'unreadable';
      }
      const { decision, value } = await use(parsed.data);
      open = false;
      try {
        await client.query(decision === 'remove' ? 'COMMIT' : 'ROLLBACK');
      } catch (error) {
        // History already decided the task's fate; a row that survives a failed commit is offered
        // again later and dropped as stale, so the poller still gets what history answered.
        broken = error as Error;
        this.logger.warn({ err: error, task: parsed.data }, 'could not finish a backlog claim');
      }
      return { claimed: true, value };
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      client.off('error', onError);
      // A connection that failed mid-transaction is discarded rather than reused.
      client.release(broken);
    }
  }

  /** Moves every task of a sticky queue to its workflow's normal queue, keeping each task's age. */
  async moveStickyToNormal(namespaceId: string, stickyQueue: string): Promise<TaskQueueKey[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ payload: unknown; created_at: Date }>(
        `DELETE FROM task_queue_tasks
         WHERE id IN (
           SELECT id FROM task_queue_tasks
           WHERE namespace_id = $1 AND task_queue = $2 AND kind = 'workflow'
           FOR UPDATE SKIP LOCKED)
         RETURNING payload, created_at`,
        [namespaceId, stickyQueue],
      );
      const destinations = new Map<string, TaskQueueKey>();
      for (const row of rows) {
        const parsed = taskMessageSchema.safeParse(row.payload);
        if (!parsed.success) continue;
        const moved = toNormalQueue(parsed.data);
        await client.query(
          `INSERT INTO task_queue_tasks (namespace_id, task_queue, kind, dedupe_key, payload, created_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [
            moved.namespaceId,
            moved.taskQueue,
            moved.kind,
            taskMessageDedupeKey(moved),
            JSON.stringify(moved),
            row.created_at,
          ],
        );
        destinations.set(moved.taskQueue, { namespaceId, name: moved.taskQueue, type: 'workflow' });
      }
      await client.query('COMMIT');
      return [...destinations.values()];
    } catch (error) {
      broken ??= error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Sticky queues holding a task older than `olderThanMs` (their worker has not taken it). */
  async stickyQueuesWithTasksOlderThan(
    olderThanMs: number,
  ): Promise<{ namespaceId: string; name: string }[]> {
    const { rows } = await this.pool.query<{ namespace_id: string; task_queue: string }>(
      `SELECT DISTINCT namespace_id, task_queue FROM task_queue_tasks
       WHERE kind = 'workflow' AND payload->>'taskQueueKind' = 'sticky'
         AND created_at < CURRENT_TIMESTAMP - make_interval(secs => $1)`,
      [olderThanMs / 1000],
    );
    return rows.map((row) => ({ namespaceId: row.namespace_id, name: row.task_queue }));
  }

  async stats(key: TaskQueueKey): Promise<BacklogStats> {
    const { rows } = await this.pool.query<{ count: string; oldest_age_ms: number | null }>(
      `SELECT count(*) AS count,
              (EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - min(created_at)) * 1000)::float8 AS oldest_age_ms
       FROM task_queue_tasks
       WHERE namespace_id = $1 AND task_queue = $2 AND kind = $3`,
      [key.namespaceId, key.name, key.type],
    );
    const row = rows[0];
    return { count: Number(row?.count ?? 0), oldestAgeMs: Math.max(0, row?.oldest_age_ms ?? 0) };
  }
}

/** A sticky workflow task as a task for the workflow's normal queue (its sticky worker is gone). */
export function toNormalQueue(task: TaskMessage): TaskMessage {
  return { ...task, taskQueue: task.normalTaskQueue, taskQueueKind: 'normal' };
}
