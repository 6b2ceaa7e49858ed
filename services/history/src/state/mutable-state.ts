/**
 * The mutable state of one workflow run: everything history needs to decide the next transition
 * without replaying events. Stored as JSON in `executions.state`, so it holds only JSON values:
 * times are epoch milliseconds, protobuf payloads are base64 of their encoding.
 */
export type ExecutionStatusName =
  'running' | 'completed' | 'failed' | 'canceled' | 'terminated' | 'timed_out' | 'continued_as_new';

export interface MutableState {
  namespaceId: string;
  workflowId: string;
  runId: string;
  firstExecutionRunId: string;
  workflowType: string;
  taskQueue: string;
  status: ExecutionStatusName;
  startTimeMs: number;
  /** When the first workflow task may run (start time plus any start delay). */
  executionTimeMs: number;
  closeTimeMs?: number;
  executionTimeoutMs?: number;
  runTimeoutMs?: number;
  workflowTaskTimeoutMs: number;
  startRequestId: string;
  /** The id the next persisted event gets. */
  nextEventId: number;
  /** WorkflowTaskStarted id of the last completed workflow task (`previous_started_event_id`). */
  lastCompletedWorkflowTaskStartedEventId: number;
  /** True while a delayed start holds back the first workflow task. */
  firstWorkflowTaskBackoff: boolean;
  workflowTask?: WorkflowTaskInfo;
  /** Pending activities by their ActivityTaskScheduled event id. */
  activities: Record<string, ActivityInfo>;
  /** Pending timers by timer id. */
  timers: Record<string, TimerInfo>;
  /** Events that arrived while a workflow task was in flight, appended after it completes. */
  bufferedEvents: BufferedEvent[];
  cancelRequested: boolean;
  /** Request ids of signals and cancel requests already applied (dedupes client retries). */
  appliedRequestIds: string[];
  sticky?: { taskQueue: string; scheduleToStartTimeoutMs: number };
  historySizeBytes: number;
  /** Encoded temporal.api.common.v1.SearchAttributes / Memo, base64 (for describe). */
  searchAttributes?: string;
  memo?: string;
  /** Number of state transitions (Temporal's state_transition_count). */
  stateTransitionCount: number;
  /** Which attempt of the workflow this run is (retries count up); 1 when absent. */
  attempt?: number;
  /** The workflow's retry policy, normalised; absent: a failed or timed-out run is not retried. */
  retryPolicy?: RetryPolicyState;
  /** A cron workflow's schedule: each close (except cancel and terminate) starts the next run. */
  cronSchedule?: string;
  /** When the execution timeout ends the chain of runs (first run's start plus the timeout). */
  executionExpirationTimeMs?: number;
  /** What a retry or the next cron run starts with; kept only for runs with a policy or schedule. */
  restart?: RunRestart;
  /** A run made by ResetWorkflowExecution: when it was made, and its base run's original start. */
  lastResetTimeMs?: number;
  originalStartTimeMs?: number;
  /** A run that was reset: the newest run made from it (describe's `resetRunId`). */
  resetRunId?: string;
  /** Set for a child workflow (every run of its chain): the parent that started it. */
  parent?: ParentLink;
  /** The first workflow of a tree of children (absent: this run is its own root). */
  root?: ExecutionLink;
  /** Children started by this run and not closed, by their StartChildWorkflowExecutionInitiated id. */
  pendingChildren?: Record<string, PendingChild>;
  /** Signals to other workflows awaiting their outcome, by SignalExternal...Initiated id. */
  pendingSignals?: Record<string, PendingExternal>;
  /** Cancel requests to other workflows awaiting their outcome, by RequestCancelExternal...Initiated id. */
  pendingCancels?: Record<string, PendingExternal>;
  /** Workflow Updates of the run by update id (services/history/src/updates); absent: none yet. */
  updates?: Record<string, UpdateInfo>;
}

/**
 * One Workflow Update. Admitted updates wait here (durably, unlike Temporal's in-memory registry)
 * until a workflow task carries them to the worker; accepted and completed ones point at their events.
 * A rejected one keeps only its failure: rejections write nothing to history.
 */
export interface UpdateInfo {
  stage: 'admitted' | 'accepted' | 'completed' | 'rejected';
  admittedTimeMs: number;
  /** Encoded temporal.api.update.v1.Request, base64; kept until the update is accepted or rejected. */
  request?: string;
  /** The workflow task that carried the request to a worker (its scheduled event id and attempt). */
  sentToTask?: { scheduledEventId: number; attempt: number };
  acceptedEventId?: number;
  completedEventId?: number;
  /** Encoded temporal.api.failure.v1.Failure of a rejection, base64. */
  rejection?: string;
}

/**
 * The start of a run that a retry or the next cron run repeats (Temporal reads it from the run's
 * WorkflowExecutionStarted event). Encoded protobuf values, base64.
 */
export interface RunRestart {
  input?: string;
  header?: string;
  memo?: string;
  searchAttributes?: string;
  /** The last successful cron run's result, handed on when a cron run fails. */
  lastCompletionResult?: string;
}

export interface WorkflowTaskInfo {
  scheduledEventId: number;
  startedEventId?: number;
  attempt: number;
  /**
   * A retried workflow task (attempt > 1) is transient: its Scheduled/Started events are not written
   * until it completes, so a failing task does not grow the history (as Temporal does).
   */
  transient: boolean;
  /**
   * Scheduled only to carry Workflow Updates (Temporal's speculative task): transient from its first
   * attempt, and dropped without a trace when the worker only rejects updates (updates/).
   */
  speculative?: boolean;
  scheduledTimeMs: number;
  startedTimeMs?: number;
  startedRequestId?: string;
  identity?: string;
  taskQueue: string;
  taskQueueKind: 'normal' | 'sticky';
  startToCloseTimeoutMs: number;
}

export interface ActivityInfo {
  scheduledEventId: number;
  activityId: string;
  activityType: string;
  taskQueue: string;
  /** When the first attempt was scheduled. */
  scheduledTimeMs: number;
  /** When the current attempt became ready (after any retry backoff). */
  currentAttemptScheduledTimeMs: number;
  attempt: number;
  startedTimeMs?: number;
  startedIdentity?: string;
  startedRequestId?: string;
  scheduleToStartTimeoutMs?: number;
  scheduleToCloseTimeoutMs?: number;
  startToCloseTimeoutMs?: number;
  heartbeatTimeoutMs?: number;
  retryPolicy: RetryPolicyState;
  lastHeartbeatTimeMs?: number;
  /** Encoded Payloads, base64. */
  lastHeartbeatDetails?: string;
  /** Encoded Failure of the previous attempt, base64. */
  lastFailure?: string;
  lastWorkerIdentity?: string;
  cancelRequested: boolean;
  cancelRequestedEventId?: number;
  /** Set while waiting out a retry backoff. */
  retryAtMs?: number;
}

export interface RetryPolicyState {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** 0 means unlimited. */
  maximumAttempts: number;
  nonRetryableErrorTypes: string[];
}

export interface TimerInfo {
  timerId: string;
  startedEventId: number;
  fireAtMs: number;
}

export interface BufferedEvent {
  /** Encoded HistoryEvent without an id, base64. */
  event: string;
  /**
   * For an activity's closing event buffered right after its lazily written ActivityTaskStarted: its
   * startedEventId is only known when both are flushed.
   */
  startedEventIdFromPrevious?: boolean;
}

export function isRunning(state: MutableState): boolean {
  return state.status === 'running';
}

export interface ExecutionLink {
  workflowId: string;
  runId: string;
}

export interface ParentLink extends ExecutionLink {
  namespaceId: string;
  namespace: string;
  /** The parent's StartChildWorkflowExecutionInitiated event id. */
  initiatedEventId: number;
}

export type ParentClosePolicyName = 'terminate' | 'request-cancel' | 'abandon';

/** A child this run started (services/history/src/children). */
export interface PendingChild {
  initiatedEventId: number;
  workflowTaskCompletedEventId: number;
  namespaceId: string;
  namespace: string;
  workflowId: string;
  workflowType: string;
  parentClosePolicy: ParentClosePolicyName;
  control?: string;
  /** Once ChildWorkflowExecutionStarted is recorded: the child's first run. */
  runId?: string;
  /** That event's id; 0 while it waits in the buffer (its id is only given when flushed). */
  startedEventId?: number;
}

/** A signal or cancel request this run sent to another workflow, until its outcome is recorded. */
export interface PendingExternal {
  initiatedEventId: number;
  workflowTaskCompletedEventId: number;
  namespaceId: string;
  namespace: string;
  workflowId: string;
  runId?: string;
  control?: string;
}
