/**
 * The one way into the history service for other packages (api, matching): the client interface, the
 * message history publishes on the `kairos.tasks` topic, and the task-token codec. In embedded mode the
 * client is the engine itself (a direct call); in cluster mode it is an internal HTTP call to the
 * process that owns the execution's shard (see remote-history-client.ts).
 *
 * Requests and responses are Temporal's own protobuf messages (`temporal.api.workflowservice.v1.*`),
 * validated by the api before they get here. Across a process boundary their int64 fields arrive as
 * plain objects, so history reads them with @kairos/proto's converters only.
 */
import type { temporal } from '@kairos/proto';
import type { TransferTask } from './transfer/transfer-task.ts';

export type { TaskMessage } from './task-message.ts';
export type { TransferTask } from './transfer/transfer-task.ts';
export { taskMessageSchema, taskMessageDedupeKey } from './task-message.ts';
export {
  decodeTaskToken,
  encodeTaskToken,
  type ActivityTaskToken,
  type QueryTaskToken,
  type TaskToken,
  type WorkflowTaskToken,
} from './task-token.ts';

/** A namespace the api has resolved (history and matching work with ids; names are for responses). */
export interface NamespaceRef {
  id: string;
  name: string;
}

/** What matching knows about a poll when it asks history to start the task it matched. */
export interface PollerInfo {
  identity: string;
  /** Unique per poll; history uses it to make a retried record-started idempotent. */
  pollRequestId: string;
  /** The queue the poll came in on (a sticky queue, or the normal one). */
  taskQueue: string;
  taskQueueKind: 'normal' | 'sticky';
}

export interface HistoryClient {
  startWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
  ): Promise<temporal.api.workflowservice.v1.IStartWorkflowExecutionResponse>;

  signalWithStartWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.ISignalWithStartWorkflowExecutionRequest,
  ): Promise<temporal.api.workflowservice.v1.ISignalWithStartWorkflowExecutionResponse>;

  /**
   * Matching matched a workflow task to a poll: history writes WorkflowTaskStarted and answers with
   * everything the poller gets (task token, history page, attempt, ...). Throws NotFound when the task
   * is stale (the run closed, the task was started by another poll, or a newer attempt exists); matching
   * then drops it.
   */
  recordWorkflowTaskStarted(
    task: import('./task-message.ts').TaskMessage,
    poller: PollerInfo,
  ): Promise<temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse>;

  /** Same for an activity task; the response carries the input and the last heartbeat details. */
  recordActivityTaskStarted(
    task: import('./task-message.ts').TaskMessage,
    poller: PollerInfo,
  ): Promise<temporal.api.workflowservice.v1.IPollActivityTaskQueueResponse>;

  respondWorkflowTaskCompleted(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedRequest,
  ): Promise<temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedResponse>;

  respondWorkflowTaskFailed(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRespondWorkflowTaskFailedRequest,
  ): Promise<void>;

  /** The ById forms arrive here as `{ target: { workflowId, runId, activityId } }`. */
  respondActivityTaskCompleted(namespace: NamespaceRef, request: ActivityResult<'completed'>): Promise<void>;
  respondActivityTaskFailed(namespace: NamespaceRef, request: ActivityResult<'failed'>): Promise<void>;
  respondActivityTaskCanceled(namespace: NamespaceRef, request: ActivityResult<'canceled'>): Promise<void>;
  recordActivityTaskHeartbeat(
    namespace: NamespaceRef,
    request: ActivityHeartbeat,
  ): Promise<{ cancelRequested: boolean }>;

  signalWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.ISignalWorkflowExecutionRequest,
  ): Promise<void>;
  requestCancelWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRequestCancelWorkflowExecutionRequest,
  ): Promise<void>;
  terminateWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.ITerminateWorkflowExecutionRequest,
  ): Promise<void>;
  /**
   * A new run from the base run's history up to a workflow task (that task failed with
   * RESET_WORKFLOW, later signals reapplied); the current run, if open, is terminated in the same write.
   */
  resetWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest,
  ): Promise<temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse>;
  describeWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionRequest,
  ): Promise<temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse>;
  /** Long-polls when `waitNewEvent` is set, until a new event, the close, or `signal` aborts. */
  getWorkflowExecutionHistory(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryRequest,
    signal?: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse>;
  getWorkflowExecutionHistoryReverse(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryReverseRequest,
  ): Promise<temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryReverseResponse>;
  resetStickyTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IResetStickyTaskQueueRequest,
  ): Promise<void>;

  /** How many runs of the namespace are open (quotas; namespace deletion). */
  countOpenExecutions(namespace: NamespaceRef): Promise<number>;
  /** The namespace's newest runs, newest first (the console's recent workflows). */
  listRecentExecutions(namespace: NamespaceRef, options: { limit: number }): Promise<ExecutionSummary[]>;

  /**
   * What a query needs: the run (resolved when runId is empty), its status, where its worker polls
   * (sticky queue when one is set) and its whole history for a legacy query task.
   */
  getQueryTarget(
    namespace: NamespaceRef,
    execution: { workflowId: string; runId?: string },
  ): Promise<QueryTarget>;

  /**
   * History-internal (children, signals and cancels between workflows): does a transfer task's work on
   * the shard of `task.target` and answers follow-up tasks for other executions. Called by history's
   * transfer consumer only; idempotent, since the bus delivers at least once (transfer/transfer-task.ts).
   */
  processTransfer(task: TransferTask): Promise<TransferTask[]>;

  /**
   * Workflow Updates (services/history/src/updates). Each waits, up to a server-side long poll or
   * until `signal` aborts, for the stage the request's wait policy names, and answers the stage
   * reached (with the outcome once completed). A known update id is the same update (dedupe).
   */
  updateWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest,
    signal?: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IUpdateWorkflowExecutionResponse>;
  pollWorkflowExecutionUpdate(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IPollWorkflowExecutionUpdateRequest,
    signal?: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IPollWorkflowExecutionUpdateResponse>;
  /** ExecuteMultiOperation [StartWorkflow, UpdateWorkflow]: a new run starts with the update admitted. */
  updateWithStartWorkflowExecution(
    namespace: NamespaceRef,
    start: temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
    update: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest,
    signal?: AbortSignal,
  ): Promise<{
    start: temporal.api.workflowservice.v1.IStartWorkflowExecutionResponse;
    update: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionResponse;
  }>;
}

/** One run as lists show it. */
export interface ExecutionSummary {
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue: string;
  /** Temporal's status name: Running, Completed, Failed, Canceled, Terminated, ContinuedAsNew, TimedOut. */
  status: string;
  startTime: Date;
  closeTime: Date | null;
}

export interface QueryTarget {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: temporal.api.enums.v1.WorkflowExecutionStatus;
  taskQueue: string;
  stickyTaskQueue: string | undefined;
  history: temporal.api.history.v1.IHistoryEvent[];
}

/** An activity named by its task token, or (the ById rpcs) by workflow id, run id and activity id. */
export type ActivityTarget =
  { taskToken: Uint8Array } | { workflowId: string; runId: string; activityId: string };

export type ActivityResult<Outcome extends 'completed' | 'failed' | 'canceled'> = {
  target: ActivityTarget;
  identity: string;
} & (Outcome extends 'completed'
  ? { result: temporal.api.common.v1.IPayloads | null | undefined }
  : Outcome extends 'failed'
    ? {
        failure: temporal.api.failure.v1.IFailure | null | undefined;
        lastHeartbeatDetails: temporal.api.common.v1.IPayloads | null | undefined;
      }
    : { details: temporal.api.common.v1.IPayloads | null | undefined });

export interface ActivityHeartbeat {
  target: ActivityTarget;
  identity: string;
  details: temporal.api.common.v1.IPayloads | null | undefined;
}
