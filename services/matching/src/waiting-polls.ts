import type { PollWaiter, SyncMatch } from './poll-waiter.ts';
import { queueId, type TaskQueueKey } from './task-queue-key.ts';

/** The long polls waiting in this process, per queue, oldest first. */
export class WaitingPolls {
  private readonly queues = new Map<string, Set<PollWaiter>>();

  add(key: TaskQueueKey, waiter: PollWaiter): void {
    const id = queueId(key);
    let waiters = this.queues.get(id);
    if (!waiters) {
      waiters = new Set();
      this.queues.set(id, waiters);
    }
    waiters.add(waiter);
  }

  delete(key: TaskQueueKey, waiter: PollWaiter): void {
    const id = queueId(key);
    const waiters = this.queues.get(id);
    if (!waiters) return;
    waiters.delete(waiter);
    if (waiters.size === 0) this.queues.delete(id);
  }

  count(key: TaskQueueKey): number {
    return this.queues.get(queueId(key))?.size ?? 0;
  }

  /** Polls that are waiting right now (not busy looking or starting a task). */
  idleCount(key: TaskQueueKey): number {
    let idle = 0;
    for (const waiter of this.queues.get(queueId(key)) ?? []) if (waiter.isIdle) idle += 1;
    return idle;
  }

  /** Sync match: gives the task to the longest-waiting idle poll; false when none is idle. */
  offer(key: TaskQueueKey, match: SyncMatch): boolean {
    for (const waiter of this.queues.get(queueId(key)) ?? []) {
      if (waiter.tryOffer(match)) return true;
    }
    return false;
  }

  /**
   * Something was added to the queue: wakes one idle poll to fetch it, and tells polls that are busy
   * looking to look once more (their look may have started before the addition was visible).
   */
  wake(key: TaskQueueKey): void {
    let wokeIdle = false;
    for (const waiter of this.queues.get(queueId(key)) ?? []) {
      if (!waiter.isIdle) waiter.wake();
      else if (!wokeIdle) {
        waiter.wake();
        wokeIdle = true;
      }
    }
  }
}
