import { randomUUID } from 'node:crypto';
import { DomainError, InvalidArgument, NotFound, Unavailable } from '@kairos/errors';
import { decodeTaskToken, type NamespaceRef, type QueryTarget } from '@kairos/history/client';
import { temporal } from '@kairos/proto';
import { queryOutcome } from './query-outcome.ts';
import type { PendingQuery, QueryTasks } from './query-tasks.ts';
import type { StickyQueues } from './sticky-queues.ts';
import type { TaskQueueKey } from './task-queue-key.ts';
import type { WaitingPolls } from './waiting-polls.ts';

const { QueryResultType } = temporal.api.enums.v1;

export interface QueryDispatchDependencies {
  queries: QueryTasks;
  waiting: WaitingPolls;
  stickyQueues: StickyQueues;
  /** Prefixes query ids, so a token names the matching process holding its query. */
  instanceId: string;
}

/**
 * Legacy queries: a query task waits in memory on the run's sticky queue while its worker is alive,
 * else on the normal queue, until a workflow poll takes it; the poller's RespondQueryTaskCompleted
 * resolves the waiting QueryWorkflow call.
 */
export function dispatchQuery(
  dependencies: QueryDispatchDependencies,
  namespace: NamespaceRef,
  target: QueryTarget,
  query: temporal.api.query.v1.IWorkflowQuery,
  signal: AbortSignal,
): Promise<temporal.api.workflowservice.v1.IQueryWorkflowResponse> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  const { queries, waiting } = dependencies;
  const sticky = liveStickyQueue(dependencies, namespace.id, target.stickyTaskQueue);
  const queue: TaskQueueKey = sticky ?? {
    namespaceId: namespace.id,
    name: target.taskQueue,
    type: 'workflow',
  };
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (queries.remove(pending)) reject(abortError(signal));
    };
    const pending: PendingQuery = {
      id: `${dependencies.instanceId}:${randomUUID()}`,
      namespace,
      target,
      query,
      queue,
      sticky: sticky !== undefined,
      dispatched: false,
      answer: (answer) => {
        signal.removeEventListener('abort', onAbort);
        try {
          resolve(queryOutcome(answer));
        } catch (error) {
          reject(error);
        }
      },
      fail: (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    };
    signal.addEventListener('abort', onAbort, { once: true });
    queries.add(pending);
    waiting.wake(queue);
  });
}

/** The run's sticky queue when its worker is alive (a poll waits, or one ended within the grace). */
function liveStickyQueue(
  { stickyQueues, waiting }: QueryDispatchDependencies,
  namespaceId: string,
  stickyTaskQueue: string | undefined,
): TaskQueueKey | undefined {
  if (!stickyTaskQueue) return undefined;
  const key: TaskQueueKey = { namespaceId, name: stickyTaskQueue, type: 'workflow' };
  return stickyQueues.isAlive(namespaceId, stickyTaskQueue, waiting.count(key)) ? key : undefined;
}

/** The worker's answer to a query task; NotFound when the query is unknown here or its caller left. */
export function completeQuery(
  { queries }: QueryDispatchDependencies,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IRespondQueryTaskCompletedRequest,
): void {
  const token = decodeTaskToken(request.taskToken, 'query');
  const completedType = request.completedType ?? QueryResultType.QUERY_RESULT_TYPE_UNSPECIFIED;
  if (
    completedType !== QueryResultType.QUERY_RESULT_TYPE_ANSWERED &&
    completedType !== QueryResultType.QUERY_RESULT_TYPE_FAILED
  ) {
    throw InvalidArgument.forField(
      'completedType',
      'must be QUERY_RESULT_TYPE_ANSWERED or QUERY_RESULT_TYPE_FAILED',
    );
  }
  const pending = token.namespaceId === namespace.id ? queries.complete(token.queryId) : undefined;
  if (!pending) throw new NotFound('query task not found, or already expired');
  pending.answer(request);
}

/** The caller's own reason when it aborted with a domain error (e.g. its deadline), else UNAVAILABLE. */
function abortError(signal: AbortSignal): DomainError {
  if (signal.reason instanceof DomainError) return signal.reason;
  return new Unavailable('query: the call ended before a worker answered the query');
}
