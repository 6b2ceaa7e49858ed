import { randomUUID } from 'node:crypto';
import { AlreadyExists } from '@kairos/errors';
import { durationToMs, msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import {
  ownedShard,
  persistAndAnnounce,
  updateExecution,
  type EngineContext,
} from '../engine/engine-context.ts';
import { ConcurrentUpdate, type CurrentRun } from '../persistence/execution-store.ts';
import { encodedMemo, encodedSearchAttributes } from '../state/encoded.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { signalWorkflowExecution } from './signal-workflow-execution.ts';
import { terminateRun } from '../transitions/terminate-run.ts';
import { scheduleWorkflowTask } from '../transitions/workflow-task.ts';

type StartRequest = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
const { WorkflowIdReusePolicy: Reuse, WorkflowIdConflictPolicy: Conflict } = temporal.api.enums.v1;

/** The signal SignalWithStartWorkflowExecution delivers with (or instead of) the start. */
export interface InitialSignal {
  signalName: string;
  input?: temporal.api.common.v1.IPayloads | null;
  header?: temporal.api.common.v1.IHeader | null;
}

const DEFAULT_WORKFLOW_TASK_TIMEOUT_MS = 10_000;
const MAX_WORKFLOW_TASK_TIMEOUT_MS = 120_000;
const MAX_START_ATTEMPTS = 5;

/**
 * StartWorkflowExecution: applies request-id idempotency and the ID reuse/conflict policies against
 * the workflow id's current run, then writes the new run (events 1-2, or a backoff timer for a delayed
 * start), its tasks and the current-run pointer in one transaction. A race with another start for the
 * same id is settled by the current-run pointer's conditional write, then re-evaluated.
 */
export async function startWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: StartRequest,
  signal?: InitialSignal,
): Promise<temporal.api.workflowservice.v1.IStartWorkflowExecutionResponse> {
  const workflowId = request.workflowId ?? '';
  const shardId = ownedShard(context, namespace.id, workflowId);
  for (let attempt = 1; ; attempt += 1) {
    const current = await context.store.currentRun(namespace.id, workflowId);
    if (current) {
      const existing = signal
        ? await signalExisting(context, namespace, request, current, signal)
        : await resolveExisting(context, namespace, request, current);
      if (existing) return existing;
    }
    const replacing = current?.runId;
    const mutation = newRun(context, namespace, request, signal);
    try {
      await persistAndAnnounce(context, shardId, undefined, mutation, { kind: 'claim', replacing });
      return { runId: mutation.state.runId, started: true };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdate) || attempt >= MAX_START_ATTEMPTS) throw error;
    }
  }
}

/** Answers the response when the current run settles the start; undefined when a new run may start. */
async function resolveExisting(
  context: EngineContext,
  namespace: NamespaceRef,
  request: StartRequest,
  current: CurrentRun,
): Promise<temporal.api.workflowservice.v1.IStartWorkflowExecutionResponse | undefined> {
  const workflowId = request.workflowId ?? '';
  if (request.requestId && current.startRequestId === request.requestId) {
    return { runId: current.runId, started: true };
  }
  const reuse = request.workflowIdReusePolicy ?? Reuse.WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED;
  const conflict = request.workflowIdConflictPolicy ?? Conflict.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED;
  if (current.status === 'running') {
    if (conflict === Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING) {
      return { runId: current.runId, started: false };
    }
    const terminates =
      conflict === Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING ||
      reuse === Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING;
    if (!terminates) {
      throw alreadyStarted(
        `Workflow execution is already running. WorkflowId: ${workflowId}, RunId: ${current.runId}.`,
        current,
      );
    }
    await updateExecution(
      context,
      { namespaceId: namespace.id, workflowId, runId: current.runId },
      (mutation) =>
        terminateRun(mutation, {
          reason: 'terminated by a new start of the same workflow id (conflict policy TERMINATE_EXISTING)',
          identity: request.identity ?? '',
        }),
    );
    return undefined;
  }
  if (reuse === Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE) {
    throw alreadyStarted(
      `Workflow execution already finished and WorkflowIdReusePolicy is REJECT_DUPLICATE. WorkflowId: ${workflowId}, RunId: ${current.runId}.`,
      current,
    );
  }
  if (
    reuse === Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY &&
    current.status === 'completed'
  ) {
    throw alreadyStarted(
      `Workflow execution already finished successfully and WorkflowIdReusePolicy is ALLOW_DUPLICATE_FAILED_ONLY. WorkflowId: ${workflowId}, RunId: ${current.runId}.`,
      current,
    );
  }
  return undefined;
}

/**
 * SignalWithStart on a workflow id that has a run: a running run is signalled (unless the conflict
 * policy says to terminate it); a closed one is replaced under the reuse policy.
 */
async function signalExisting(
  context: EngineContext,
  namespace: NamespaceRef,
  request: StartRequest,
  current: CurrentRun,
  signal: InitialSignal,
): Promise<temporal.api.workflowservice.v1.IStartWorkflowExecutionResponse | undefined> {
  const conflict = request.workflowIdConflictPolicy ?? Conflict.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED;
  if (current.status === 'running' && conflict !== Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING) {
    await signalWorkflowExecution(context, namespace, {
      workflowExecution: { workflowId: request.workflowId, runId: current.runId },
      signalName: signal.signalName,
      input: signal.input,
      header: signal.header,
      identity: request.identity,
      requestId: request.requestId,
    });
    return { runId: current.runId, started: false };
  }
  return resolveExisting(context, namespace, request, current);
}

function alreadyStarted(message: string, current: CurrentRun): AlreadyExists {
  return new AlreadyExists(message, {
    detail: {
      type: 'WorkflowExecutionAlreadyStarted',
      startRequestId: current.startRequestId,
      runId: current.runId,
    },
  });
}

function newRun(
  context: EngineContext,
  namespace: NamespaceRef,
  request: StartRequest,
  signal: InitialSignal | undefined,
): ExecutionMutation {
  const now = context.now();
  const runId = randomUUID();
  const executionTimeoutMs = positive(durationToMs(request.workflowExecutionTimeout));
  const runTimeoutMs = positive(durationToMs(request.workflowRunTimeout)) ?? executionTimeoutMs;
  const workflowTaskTimeoutMs = Math.min(
    positive(durationToMs(request.workflowTaskTimeout)) ?? DEFAULT_WORKFLOW_TASK_TIMEOUT_MS,
    MAX_WORKFLOW_TASK_TIMEOUT_MS,
  );
  const startDelayMs = positive(durationToMs(request.workflowStartDelay)) ?? 0;
  const state: MutableState = {
    namespaceId: namespace.id,
    workflowId: request.workflowId ?? '',
    runId,
    firstExecutionRunId: runId,
    workflowType: request.workflowType?.name ?? '',
    taskQueue: request.taskQueue?.name ?? '',
    status: 'running',
    startTimeMs: now,
    executionTimeMs: now + startDelayMs,
    executionTimeoutMs,
    runTimeoutMs,
    workflowTaskTimeoutMs,
    startRequestId: request.requestId || randomUUID(),
    nextEventId: 1,
    lastCompletedWorkflowTaskStartedEventId: 0,
    firstWorkflowTaskBackoff: startDelayMs > 0,
    activities: {},
    timers: {},
    bufferedEvents: [],
    cancelRequested: false,
    appliedRequestIds: [],
    historySizeBytes: 0,
    searchAttributes: encodedSearchAttributes.encode(request.searchAttributes),
    memo: encodedMemo.encode(request.memo),
    stateTransitionCount: 1,
  };
  const mutation = new ExecutionMutation(state, now);
  mutation.append('workflowExecutionStarted', {
    workflowType: request.workflowType ?? null,
    taskQueue: { name: state.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    input: request.input ?? null,
    header: request.header ?? null,
    workflowExecutionTimeout: executionTimeoutMs === undefined ? null : msToDuration(executionTimeoutMs),
    workflowRunTimeout: runTimeoutMs === undefined ? null : msToDuration(runTimeoutMs),
    workflowTaskTimeout: msToDuration(workflowTaskTimeoutMs),
    originalExecutionRunId: runId,
    firstExecutionRunId: runId,
    identity: request.identity ?? '',
    attempt: 1,
    retryPolicy: request.retryPolicy ?? null,
    workflowExecutionExpirationTime:
      executionTimeoutMs === undefined ? null : msToTimestamp(now + executionTimeoutMs),
    firstWorkflowTaskBackoff: startDelayMs > 0 ? msToDuration(startDelayMs) : null,
    memo: request.memo ?? null,
    searchAttributes: request.searchAttributes ?? null,
    workflowId: state.workflowId,
  });
  if (signal) {
    mutation.append('workflowExecutionSignaled', {
      signalName: signal.signalName,
      input: signal.input ?? null,
      header: signal.header ?? null,
      identity: request.identity ?? '',
    });
  }
  if (startDelayMs > 0) mutation.addTimer(now + startDelayMs, { type: 'workflow-backoff' });
  else scheduleWorkflowTask(mutation);
  // A run timeout that ends no earlier than the execution timeout is left to the latter, which is
  // the one Temporal reports (RETRY_STATE_TIMEOUT).
  if (
    runTimeoutMs !== undefined &&
    (executionTimeoutMs === undefined || startDelayMs + runTimeoutMs < executionTimeoutMs)
  ) {
    mutation.addTimer(state.executionTimeMs + runTimeoutMs, { type: 'workflow-run-timeout' });
  }
  if (executionTimeoutMs !== undefined) {
    mutation.addTimer(now + executionTimeoutMs, { type: 'workflow-execution-timeout' });
  }
  return mutation;
}

function positive(ms: number | undefined): number | undefined {
  return ms !== undefined && ms > 0 ? ms : undefined;
}
