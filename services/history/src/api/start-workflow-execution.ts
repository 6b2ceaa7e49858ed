import { randomUUID } from 'node:crypto';
import { AlreadyExists } from '@kairos/errors';
import { durationToMs, temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import {
  ownedShard,
  persistAndAnnounce,
  updateExecution,
  type EngineContext,
} from '../engine/engine-context.ts';
import { ConcurrentUpdate, type CurrentRun } from '../persistence/execution-store.ts';
import { cronBackoffMs } from '../rules/cron-schedule.ts';
import { normalizeWorkflowRetryPolicy } from '../rules/retry-policy.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { startRun } from '../transitions/start-run.ts';
import { signalWorkflowExecution } from './signal-workflow-execution.ts';
import { terminateRun } from '../transitions/terminate-run.ts';

type StartRequest = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
const {
  WorkflowIdReusePolicy: Reuse,
  WorkflowIdConflictPolicy: Conflict,
  ContinueAsNewInitiator: Initiator,
} = temporal.api.enums.v1;

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
 * start or a cron workflow's first cron time), its tasks and the current-run pointer in one
 * transaction. A race with another start for the
 * same id is settled by the current-run pointer's conditional write, then re-evaluated.
 */
export async function startWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: StartRequest,
  signal?: InitialSignal,
  /** Runs on a new run's mutation before it is written (update-with-start admits its update here). */
  prepareNewRun?: (mutation: ExecutionMutation) => void,
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
    prepareNewRun?.(mutation);
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
  const cronSchedule = request.cronSchedule || undefined;
  // A cron workflow's first run waits for the first cron time (the api refuses a start delay with it).
  const firstWorkflowTaskBackoffMs = cronSchedule
    ? (cronBackoffMs(cronSchedule, now, now) ?? 0)
    : (positive(durationToMs(request.workflowStartDelay)) ?? 0);
  const identity = request.identity ?? '';
  return startRun(
    {
      namespaceId: namespace.id,
      workflowId: request.workflowId ?? '',
      runId,
      firstExecutionRunId: runId,
      workflowType: request.workflowType?.name ?? '',
      taskQueue: request.taskQueue?.name ?? '',
      input: request.input,
      header: request.header,
      memo: request.memo,
      searchAttributes: request.searchAttributes,
      executionTimeoutMs,
      runTimeoutMs,
      workflowTaskTimeoutMs,
      executionExpirationTimeMs: executionTimeoutMs === undefined ? undefined : now + executionTimeoutMs,
      retryPolicy: normalizeWorkflowRetryPolicy(request.retryPolicy, 'retryPolicy'),
      cronSchedule,
      firstWorkflowTaskBackoffMs,
      attempt: 1,
      requestId: request.requestId || randomUUID(),
      identity,
      // Temporal marks the first run of a cron workflow as started by its schedule.
      initiator: cronSchedule ? Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE : undefined,
      continuedExecutionRunId: undefined,
      continuedFailure: request.continuedFailure,
      lastCompletionResult: request.lastCompletionResult,
    },
    now,
    signal && { ...signal, identity },
  );
}

function positive(ms: number | undefined): number | undefined {
  return ms !== undefined && ms > 0 ? ms : undefined;
}
