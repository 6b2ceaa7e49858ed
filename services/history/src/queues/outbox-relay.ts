import type { Bus, OutgoingMessage } from '@kairos/bus';
import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';
import type { ShardOwnership } from '../shards/shard-ownership.ts';

export interface OutboxRelayOptions {
  pool: pg.Pool;
  bus: Bus;
  ownership: ShardOwnership;
  logger: Logger;
  /** Safety net for wake-ups that never came (another process wrote, a crash before wake). */
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Publishes the outbox rows of the shards this process owns to the bus, then deletes them. Woken
 * right after each commit; also polls. A crash between publish and delete publishes the rows again,
 * which every consumer tolerates (at-least-once, idempotent handling).
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 1_000);
    this.wake();
  }

  /** Runs a relay pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'outbox relay pass failed; retrying'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    for (;;) {
      const shards = this.options.ownership.ownedShards();
      if (shards.length === 0 || this.stopped) return;
      const { rows } = await this.options.pool.query<{
        id: string;
        topic: string;
        key: string;
        payload: unknown;
      }>('SELECT id, topic, key, payload FROM outbox WHERE shard_id = ANY($1) ORDER BY id LIMIT $2', [
        shards,
        batchSize,
      ]);
      if (rows.length === 0) return;
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({ key: row.key, value: JSON.stringify(row.payload) });
        byTopic.set(row.topic, messages);
      }
      for (const [topic, messages] of byTopic) await this.options.bus.publish(topic, messages);
      await this.options.pool.query('DELETE FROM outbox WHERE id = ANY($1)', [rows.map((row) => row.id)]);
      if (rows.length < batchSize) return;
    }
  }
}
