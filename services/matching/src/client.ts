/**
 * The one way into the matching service for the api: long polls, legacy query dispatch, task queue
 * description and worker shutdown. In embedded mode the client is the engine itself; in cluster mode an
 * internal HTTP call to the matching process.
 */
import type { NamespaceRef, QueryTarget } from '@kairos/history/client';
import type { temporal } from '@kairos/proto';

export type { NamespaceRef };

export interface MatchingClient {
  /**
   * Waits for a workflow task (or a legacy query task) on the queue until one is started, `signal`
   * aborts, or the long-poll window passes; then answers an empty response, as Temporal does.
   */
  pollWorkflowTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IPollWorkflowTaskQueueRequest,
    signal: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse>;

  pollActivityTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IPollActivityTaskQueueRequest,
    signal: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IPollActivityTaskQueueResponse>;

  /**
   * Hands a legacy query task to a poller of the target's queue (sticky first when its worker is
   * alive) and waits for the worker's answer (RespondQueryTaskCompleted) or `signal`.
   */
  queryWorkflow(
    namespace: NamespaceRef,
    target: QueryTarget,
    query: temporal.api.query.v1.IWorkflowQuery,
    signal: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IQueryWorkflowResponse>;

  respondQueryTaskCompleted(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRespondQueryTaskCompletedRequest,
  ): Promise<void>;

  describeTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IDescribeTaskQueueRequest,
  ): Promise<temporal.api.workflowservice.v1.IDescribeTaskQueueResponse>;

  /** Forgets the worker's sticky queue so its tasks go to the normal queue at once. */
  shutdownWorker(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IShutdownWorkerRequest,
  ): Promise<void>;
}
