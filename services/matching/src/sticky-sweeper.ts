import type { Logger } from '@kairos/telemetry';
import type { BacklogStore } from './backlog-store.ts';
import type { PendingQuery, QueryTasks } from './query-tasks.ts';
import type { StickyQueues } from './sticky-queues.ts';
import type { TaskQueueKey } from './task-queue-key.ts';
import type { WaitingPolls } from './waiting-polls.ts';

export interface StickySweepDependencies {
  backlog: BacklogStore;
  waiting: WaitingPolls;
  queries: QueryTasks;
  stickyQueues: StickyQueues;
  graceMs: number;
  logger: Logger;
}

/** Moves everything waiting on a sticky queue (queries, backlog) to the workflows' normal queues. */
export async function moveStickyQueue(
  dependencies: StickySweepDependencies,
  namespaceId: string,
  stickyQueue: string,
): Promise<void> {
  for (const query of dependencies.queries.waitingOnSticky()) {
    if (query.queue.namespaceId === namespaceId && query.queue.name === stickyQueue) {
      moveQuery(dependencies, query);
    }
  }
  const destinations = await dependencies.backlog.moveStickyToNormal(namespaceId, stickyQueue);
  for (const destination of destinations) dependencies.waiting.wake(destination);
  if (destinations.length > 0) {
    dependencies.logger.info(
      { namespaceId, stickyTaskQueue: stickyQueue },
      'moved sticky tasks to normal queues',
    );
  }
}

/**
 * Sticky queues whose worker went away without ShutdownWorker (killed, or seen by another process
 * only): queries waiting on them move at once, backlog tasks once they are older than the grace
 * period (a live worker of another process would have taken them by then).
 */
export async function sweepDeadStickyQueues(dependencies: StickySweepDependencies): Promise<void> {
  const alive = (namespaceId: string, name: string) =>
    dependencies.stickyQueues.isAlive(
      namespaceId,
      name,
      dependencies.waiting.count({ namespaceId, name, type: 'workflow' }),
    );
  for (const query of dependencies.queries.waitingOnSticky()) {
    if (!alive(query.queue.namespaceId, query.queue.name)) moveQuery(dependencies, query);
  }
  const stale = await dependencies.backlog.stickyQueuesWithTasksOlderThan(dependencies.graceMs);
  for (const queue of stale) {
    if (!alive(queue.namespaceId, queue.name))
      await moveStickyQueue(dependencies, queue.namespaceId, queue.name);
  }
}

function moveQuery(dependencies: StickySweepDependencies, query: PendingQuery): void {
  const normal: TaskQueueKey = {
    namespaceId: query.queue.namespaceId,
    name: query.target.taskQueue,
    type: 'workflow',
  };
  dependencies.queries.move(query, normal);
  dependencies.waiting.wake(normal);
}
