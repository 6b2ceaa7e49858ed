import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';

/** Workflow and activity tasks of one queue name are two separate queues (Temporal's task queue types). */
export type TaskType = 'workflow' | 'activity';

/**
 * One task queue as matching keeps it. A sticky queue is just a queue with a worker-unique name; what
 * makes it sticky is tracked in sticky-queues.ts.
 */
export interface TaskQueueKey {
  namespaceId: string;
  name: string;
  type: TaskType;
}

/** A map key for a queue (NUL cannot occur in ids or Temporal queue names). */
export function queueId(key: TaskQueueKey): string {
  return `${key.namespaceId}\u0000${key.type}\u0000${key.name}`;
}

/** The queue name of a request, which the api validated; checked again so a bad call fails loudly. */
export function requireQueueName(taskQueue: temporal.api.taskqueue.v1.ITaskQueue | null | undefined): string {
  const name = taskQueue?.name;
  if (!name) throw InvalidArgument.forField('taskQueue.name', 'must not be empty');
  return name;
}

export function isStickyKind(kind: temporal.api.enums.v1.TaskQueueKind | null | undefined): boolean {
  return kind === temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_STICKY;
}
