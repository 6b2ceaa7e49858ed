import type { TaskMessage } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import { toNormalQueue, type BacklogStore } from './backlog-store.ts';
import type { StickyQueues } from './sticky-queues.ts';
import type { TaskQueueKey } from './task-queue-key.ts';
import type { TaskRates } from './task-rates.ts';
import type { WaitingPolls } from './waiting-polls.ts';

export interface DispatchDependencies {
  backlog: BacklogStore;
  waiting: WaitingPolls;
  stickyQueues: StickyQueues;
  rates: TaskRates;
  logger: Logger;
}

/**
 * Handles one task from the bus: hands it to a poll waiting in this process (sync match), else stores
 * it in the backlog and wakes a poll. Resolves only once the task is durable — started by history,
 * dropped as stale, or in the backlog — because the bus commits the message when this resolves.
 */
export async function dispatchTask(dependencies: DispatchDependencies, message: TaskMessage): Promise<void> {
  const task = routeSticky(dependencies, message);
  const key: TaskQueueKey = { namespaceId: task.namespaceId, name: task.taskQueue, type: task.kind };
  dependencies.rates.added(key);

  let settle: (error?: unknown) => void = () => undefined;
  const settled = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  if (dependencies.waiting.offer(key, { task, settle })) return settled;

  await dependencies.backlog.insert(task);
  dependencies.waiting.wake(key);
}

/** A sticky workflow task whose worker is gone (or unknown here) goes to the workflow's normal queue. */
function routeSticky(
  { stickyQueues, waiting, logger }: DispatchDependencies,
  task: TaskMessage,
): TaskMessage {
  if (task.kind !== 'workflow' || task.taskQueueKind !== 'sticky') return task;
  const stickyKey: TaskQueueKey = { namespaceId: task.namespaceId, name: task.taskQueue, type: 'workflow' };
  if (stickyQueues.isAlive(task.namespaceId, task.taskQueue, waiting.count(stickyKey))) return task;
  logger.debug(
    { stickyTaskQueue: task.taskQueue, taskQueue: task.normalTaskQueue, workflowId: task.workflowId },
    'sticky worker unavailable; task goes to the normal queue',
  );
  return toNormalQueue(task);
}
