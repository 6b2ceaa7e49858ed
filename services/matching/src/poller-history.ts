import { queueId, type TaskQueueKey } from './task-queue-key.ts';

/** Temporal's default task dispatch rate, which it reports for pollers that set no limit. */
export const defaultRatePerSecond = 100_000;

/** How long DescribeTaskQueue keeps listing a poller after its last poll (Temporal's PollerHistoryTTL). */
export const pollerHistoryTtlMs = 5 * 60_000;

export interface RecentPoller {
  identity: string;
  lastAccessTime: number;
  ratePerSecond: number;
}

/** The pollers seen per queue in the last few minutes, by identity, for DescribeTaskQueue. */
export class PollerHistory {
  private readonly queues = new Map<string, Map<string, RecentPoller>>();

  constructor(private readonly now: () => number = Date.now) {}

  record(key: TaskQueueKey, identity: string, ratePerSecond: number | undefined): void {
    const id = queueId(key);
    let pollers = this.queues.get(id);
    if (!pollers) {
      pollers = new Map();
      this.queues.set(id, pollers);
    }
    pollers.set(identity, {
      identity,
      lastAccessTime: this.now(),
      ratePerSecond: ratePerSecond ?? defaultRatePerSecond,
    });
  }

  recent(key: TaskQueueKey): RecentPoller[] {
    const cutoff = this.now() - pollerHistoryTtlMs;
    return [...(this.queues.get(queueId(key))?.values() ?? [])].filter(
      (poller) => poller.lastAccessTime > cutoff,
    );
  }

  prune(): void {
    const cutoff = this.now() - pollerHistoryTtlMs;
    for (const [id, pollers] of this.queues) {
      for (const [identity, poller] of pollers) if (poller.lastAccessTime <= cutoff) pollers.delete(identity);
      if (pollers.size === 0) this.queues.delete(id);
    }
  }
}
