import { queueId, type TaskQueueKey } from './task-queue-key.ts';

/** The window Temporal averages tasks_add_rate and tasks_dispatch_rate over. */
const windowMs = 30_000;
const bucketMs = 1_000;

interface Counts {
  added: Map<number, number>;
  dispatched: Map<number, number>;
}

/** Tasks added to and dispatched from each queue over the last 30 s, as per-second rates. */
export class TaskRates {
  private readonly queues = new Map<string, Counts>();

  constructor(private readonly now: () => number = Date.now) {}

  added(key: TaskQueueKey): void {
    this.count(key, 'added');
  }

  dispatched(key: TaskQueueKey): void {
    this.count(key, 'dispatched');
  }

  rates(key: TaskQueueKey): { addRate: number; dispatchRate: number } {
    const counts = this.queues.get(queueId(key));
    if (!counts) return { addRate: 0, dispatchRate: 0 };
    return { addRate: this.perSecond(counts.added), dispatchRate: this.perSecond(counts.dispatched) };
  }

  prune(): void {
    for (const [id, counts] of this.queues) {
      this.dropOld(counts.added);
      this.dropOld(counts.dispatched);
      if (counts.added.size === 0 && counts.dispatched.size === 0) this.queues.delete(id);
    }
  }

  private count(key: TaskQueueKey, what: keyof Counts): void {
    const id = queueId(key);
    let counts = this.queues.get(id);
    if (!counts) {
      counts = { added: new Map(), dispatched: new Map() };
      this.queues.set(id, counts);
    }
    const bucket = Math.floor(this.now() / bucketMs);
    counts[what].set(bucket, (counts[what].get(bucket) ?? 0) + 1);
    this.dropOld(counts[what]);
  }

  private perSecond(buckets: Map<number, number>): number {
    this.dropOld(buckets);
    let total = 0;
    for (const count of buckets.values()) total += count;
    return total / (windowMs / 1000);
  }

  private dropOld(buckets: Map<number, number>): void {
    const oldest = Math.floor((this.now() - windowMs) / bucketMs);
    for (const bucket of buckets.keys()) if (bucket <= oldest) buckets.delete(bucket);
  }
}
