/**
 * Wakes history long polls (GetWorkflowExecutionHistory with waitNewEvent) when a run gets new events.
 * In-process only: the history long poll is served by the process that owns the run's shard, which is
 * the process that writes its events.
 */
export class RunNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(runId: string): void {
    const waiting = this.waiters.get(runId);
    if (!waiting) return;
    this.waiters.delete(runId);
    for (const wake of waiting) wake();
  }

  /** Wakes every waiter, e.g. when a shard moves away and its long polls must answer elsewhere. */
  notifyAll(): void {
    for (const runId of [...this.waiters.keys()]) this.notify(runId);
  }

  /** Resolves at the next notify for the run, after `timeoutMs`, or when `signal` aborts. */
  wait(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.waiters.get(runId) ?? new Set();
      this.waiters.set(runId, waiting);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiting.delete(done);
        if (waiting.size === 0 && this.waiters.get(runId) === waiting) this.waiters.delete(runId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      waiting.add(done);
    });
  }
}
