import { randomUUID } from 'node:crypto';
import { int64ToNumber, temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import {
  executionRef,
  loadExecution,
  ownedShard,
  persistAndAnnounce,
  updateExecution,
  workflowNotFound,
  type EngineContext,
  type RunRef,
} from '../engine/engine-context.ts';
import { ConcurrentUpdate, type StoredExecution } from '../persistence/execution-store.ts';
import { reapplyRules, type ReapplyRules } from '../reset/reapply.ts';
import { readEventsAfterResetPoint } from '../reset/read-chain-events.ts';
import { checkFinishEventIdRange, eventsBeforeResetPoint } from '../reset/reset-point.ts';
import { resetRun } from '../reset/reset-run.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import { terminateRun } from '../transitions/terminate-run.ts';

type ResetRequest = temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest;
type ResetResponse = temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse;

/** Temporal's identity on the WorkflowExecutionTerminated a reset writes into the current run. */
const RESETTER_IDENTITY = 'history-resetter';
const MAX_ATTEMPTS = 5;

/**
 * ResetWorkflowExecution: a new run of the workflow id whose history is the base run's up to a
 * workflow task, that task failed with RESET_WORKFLOW, the signals sent after that point reapplied,
 * and a new workflow task. In one transaction the current run (when still open) is terminated and the
 * new run becomes current. A request id already used by the current run's start answers that run (a
 * retried reset). The base run learns its `resetRunId` for describe.
 */
export async function resetWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: ResetRequest,
): Promise<ResetResponse> {
  const ref = executionRef(namespace, request.workflowExecution);
  const shardId = ownedShard(context, ref.namespaceId, ref.workflowId);
  const base = await loadExecution(context, ref);
  const baseRunId = base.state.runId;
  for (let attempt = 1; ; attempt += 1) {
    const current = await context.store.currentRun(ref.namespaceId, ref.workflowId);
    if (!current) throw workflowNotFound(ref);
    if (request.requestId && current.startRequestId === request.requestId) return { runId: current.runId };
    try {
      const newRunId = await context.locks.withLock(current.runId, () =>
        resetOnce(context, shardId, ref, request, baseRunId, current.runId),
      );
      if (baseRunId !== current.runId) await recordResetRunOnBase(context, ref, baseRunId, newRunId);
      return { runId: newRunId };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdate) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** One attempt under the current run's lock; a writer that won a race makes the write fail over. */
async function resetOnce(
  context: EngineContext,
  shardId: number,
  ref: RunRef,
  request: ResetRequest,
  baseRunId: string,
  currentRunId: string,
): Promise<string> {
  const current = await mustLoad(context, ref, currentRunId);
  const base = baseRunId === currentRunId ? current : await mustLoad(context, ref, baseRunId);
  const finishEventId = int64ToNumber(request.workflowTaskFinishEventId);
  checkFinishEventIdRange(finishEventId, base.state.nextEventId);
  const throughPoint = await context.store.readEvents(baseRunId, 1, finishEventId + 1, finishEventId + 1);
  const copiedEvents = eventsBeforeResetPoint(throughPoint, finishEventId);

  const newRunId = randomUUID();
  const reason = request.reason ?? '';
  const currentMutation = new ExecutionMutation(current.state, context.now());
  // Terminated first, in the same write: signals it still held in its buffer are flushed into its
  // history by the termination, and are reapplied with the others.
  terminateRun(currentMutation, { reason, identity: RESETTER_IDENTITY });
  if (baseRunId === currentRunId) {
    currentMutation.state.resetRunId = newRunId;
    currentMutation.touch();
  }
  const rules: ReapplyRules = reapplyRules(request.resetReapplyType, request.resetReapplyExcludeTypes);
  const reapplied = await readEventsAfterResetPoint(context.store, {
    namespaceId: ref.namespaceId,
    workflowId: ref.workflowId,
    base: base.state,
    finishEventId,
    current: currentMutation,
    rules,
  });
  currentMutation.successor = resetRun({
    base: base.state,
    copiedEvents,
    reapplied,
    newRunId,
    requestId: request.requestId || randomUUID(),
    reason,
    now: currentMutation.now,
  });
  await persistAndAnnounce(context, shardId, current.dbVersion, currentMutation, { kind: 'mirror' });
  return newRunId;
}

async function mustLoad(context: EngineContext, ref: RunRef, runId: string): Promise<StoredExecution> {
  const stored = await context.store.load(ref.namespaceId, ref.workflowId, runId);
  if (!stored) throw workflowNotFound({ ...ref, runId });
  return stored;
}

/**
 * A base run that was not the current run is closed and was not part of the reset's write; its
 * `resetRunId` (describe only) is recorded after it. Losing it to a crash loses nothing else.
 */
async function recordResetRunOnBase(
  context: EngineContext,
  ref: RunRef,
  baseRunId: string,
  newRunId: string,
): Promise<void> {
  try {
    await updateExecution(context, { ...ref, runId: baseRunId }, (mutation) => {
      if (mutation.state.resetRunId === newRunId) return;
      mutation.state.resetRunId = newRunId;
      mutation.touch();
    });
  } catch (error) {
    context.logger.warn(
      { err: error, workflowId: ref.workflowId, baseRunId, newRunId },
      'reset: could not record the new run on the base run',
    );
  }
}
