import type { TaskMessage } from '@kairos/history/client';

/** A task handed straight from the bus handler to a waiting poll (sync match). */
export interface SyncMatch {
  task: TaskMessage;
  /**
   * Called once the task's fate is durable — started, dropped as stale, or back in the backlog — or
   * with the error that kept it from being so; the bus handler resolves (and the bus commits) only then.
   */
  settle(error?: unknown): void;
}

/**
 * One long poll's place in its queue. The poll alternates between looking (at queries and the
 * backlog) and waiting; only while it waits is it idle, and only an idle, unaborted poll accepts a
 * sync match, so it never holds two tasks and an aborted poll never receives one.
 */
export class PollWaiter {
  private idle = false;
  private woken = false;
  private offered: SyncMatch | undefined;
  private stopWaiting: (() => void) | undefined;

  constructor(private readonly signal: AbortSignal) {}

  get isIdle(): boolean {
    return this.idle;
  }

  /** Sync match: true when this poll took the task. */
  tryOffer(match: SyncMatch): boolean {
    if (!this.idle || this.signal.aborted) return false;
    this.offered = match;
    this.stopWaiting?.();
    return true;
  }

  /** The queue changed (a backlog row, a query): look again now, or right after the current look. */
  wake(): void {
    this.woken = true;
    this.stopWaiting?.();
  }

  /** Waits until offered a task, woken, aborted or `ms` pass; returns the offered task, if any. */
  async wait(ms: number): Promise<SyncMatch | undefined> {
    if (!this.woken && !this.signal.aborted && ms > 0) {
      await new Promise<void>((resolve) => {
        const onAbort = () => stop();
        const stop = () => {
          // Leaves the idle state synchronously, before anyone else can offer a task.
          this.idle = false;
          this.stopWaiting = undefined;
          clearTimeout(timer);
          this.signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const timer = setTimeout(stop, ms);
        this.signal.addEventListener('abort', onAbort, { once: true });
        this.stopWaiting = stop;
        this.idle = true;
      });
    }
    this.woken = false;
    const offered = this.offered;
    this.offered = undefined;
    return offered;
  }
}
