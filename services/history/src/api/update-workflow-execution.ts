import { NotFound } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { executionRef, updateExecution, type EngineContext } from '../engine/engine-context.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { ensureUpdateWorkflowTask } from '../updates/speculative-task.ts';
import {
  awaitUpdateStage,
  UpdateAbortedByClose,
  workflowCompleted,
  type UpdateView,
} from '../updates/await-update.ts';
import { checkUpdateLimits } from '../updates/update-limits.ts';
import { admitUpdate, findUpdate } from '../updates/update-records.ts';

type UpdateRequest = temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest;
type UpdateResponse = temporal.api.workflowservice.v1.IUpdateWorkflowExecutionResponse;
const { UpdateWorkflowExecutionLifecycleStage: Stage } = temporal.api.enums.v1;

/**
 * UpdateWorkflowExecution: admits the update into the run (a new update id; a known one is the same
 * update, whatever became of it) and makes sure a workflow task will carry it to a worker, then waits
 * for the stage the caller asked for, answering the stage reached when the long poll ends first.
 */
export async function updateWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: UpdateRequest,
  signal?: AbortSignal,
  options: { waitMs?: number } = {},
): Promise<UpdateResponse> {
  const updateId = request.request?.meta?.updateId ?? '';
  const ref = executionRef(namespace, request.workflowExecution);
  for (let hop = 1; ; hop += 1) {
    const runId = await updateExecution(context, ref, (mutation) => {
      admitOnce(mutation, request);
      return mutation.state.runId;
    });
    try {
      const view = await awaitUpdateStage(
        context,
        { namespaceId: namespace.id, workflowId: ref.workflowId, runId, updateId },
        wantedStage(request.waitPolicy),
        { waitMs: options.waitMs, signal },
      );
      return updateResponse(ref.workflowId, updateId, view);
    } catch (error) {
      // The run continued as a new one (continue-as-new, retry, cron) before a worker saw the update:
      // as Temporal, the update goes to the new run, unless the request named this run.
      if (!(error instanceof UpdateAbortedByClose) || ref.runId || hop >= MAX_RUN_HOPS) throw error;
      const current = await context.store.currentRun(namespace.id, ref.workflowId);
      if (!current || current.runId === error.runId || current.status !== 'running') throw error;
    }
  }
}

const MAX_RUN_HOPS = 5;

/**
 * Admits the update unless the run already knows its id (a retry or a duplicate: the same update).
 * Part of a transition, so update-with-start can admit it in the start's own write.
 */
export function admitOnce(mutation: ExecutionMutation, request: UpdateRequest): void {
  const state = mutation.state;
  const firstRunId = request.firstExecutionRunId;
  if (firstRunId && firstRunId !== state.firstExecutionRunId) {
    throw new NotFound(`workflow execution not found for first execution run ID "${firstRunId}"`);
  }
  const updateId = request.request?.meta?.updateId ?? '';
  if (findUpdate(state, updateId)) return;
  if (state.status !== 'running') throw workflowCompleted();
  const update = request.request ?? {};
  checkUpdateLimits(state, temporal.api.update.v1.Request.encode(update).len);
  admitUpdate(mutation, update);
  ensureUpdateWorkflowTask(mutation);
}

/** ADMITTED, ACCEPTED or COMPLETED; an unspecified stage waits for ACCEPTED, as the SDKs expect. */
export function wantedStage(
  policy: temporal.api.update.v1.IWaitPolicy | null | undefined,
): temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage {
  const stage = policy?.lifecycleStage ?? Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_UNSPECIFIED;
  return stage === Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_UNSPECIFIED
    ? Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED
    : stage;
}

export function updateResponse(workflowId: string, updateId: string, view: UpdateView): UpdateResponse {
  return {
    updateRef: { workflowExecution: { workflowId, runId: view.runId }, updateId },
    stage: view.stage,
    outcome: view.outcome ?? null,
  };
}
