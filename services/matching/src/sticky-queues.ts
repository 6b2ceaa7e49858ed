/**
 * Which sticky queues have a live worker, as far as this process has seen. A sticky queue is alive
 * while a poll waits on it or one ended within the grace period, and not after its worker called
 * ShutdownWorker. A queue this process never saw polled (e.g. after a restart) counts as dead, so
 * its tasks go to the workflow's normal queue instead of waiting for a worker that may be gone.
 */
export class StickyQueues {
  private readonly queues = new Map<string, { lastPolledAt: number; shutDown: boolean }>();

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A poll on the queue started: the worker is (again) alive. */
  pollStarted(namespaceId: string, name: string): void {
    this.queues.set(stickyId(namespaceId, name), { lastPolledAt: this.now(), shutDown: false });
  }

  /** A poll ended (with or without a task); a poll still in flight at shutdown does not revive it. */
  pollEnded(namespaceId: string, name: string): void {
    const entry = this.queues.get(stickyId(namespaceId, name));
    if (entry && !entry.shutDown) entry.lastPolledAt = this.now();
  }

  shutDown(namespaceId: string, name: string): void {
    this.queues.set(stickyId(namespaceId, name), { lastPolledAt: this.now(), shutDown: true });
  }

  isAlive(namespaceId: string, name: string, pollsWaiting: number): boolean {
    const entry = this.queues.get(stickyId(namespaceId, name));
    if (!entry || entry.shutDown) return false;
    return pollsWaiting > 0 || this.now() - entry.lastPolledAt <= this.graceMs;
  }

  /** Forgets queues dead for long (sticky names are per worker process, so they pile up otherwise). */
  prune(forgetAfterMs: number, pollsWaiting: (namespaceId: string, name: string) => number): void {
    const cutoff = this.now() - Math.max(forgetAfterMs, this.graceMs);
    for (const [id, entry] of this.queues) {
      const [namespaceId = '', name = ''] = id.split('\u0000');
      if (entry.lastPolledAt < cutoff && pollsWaiting(namespaceId, name) === 0) this.queues.delete(id);
    }
  }
}

function stickyId(namespaceId: string, name: string): string {
  return `${namespaceId}\u0000${name}`;
}
