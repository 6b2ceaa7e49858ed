import { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { updateExecution, type EngineContext } from '../engine/engine-context.ts';
import { startWorkflowExecution } from '../api/start-workflow-execution.ts';
import { admitOnce, updateResponse, wantedStage } from '../api/update-workflow-execution.ts';
import { awaitUpdateStage } from './await-update.ts';

type StartRequest = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
type UpdateRequest = temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest;

export interface UpdateWithStartResult {
  start: temporal.api.workflowservice.v1.IStartWorkflowExecutionResponse;
  update: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionResponse;
}

/**
 * Update-with-start (ExecuteMultiOperation [StartWorkflow, UpdateWorkflow]): the start follows its ID
 * policies; a new run is written with the update already admitted (one transaction, so its first
 * workflow task carries it), while a run the start reuses (USE_EXISTING, or a retried request id)
 * gets the update as UpdateWorkflowExecution would give it. Then waits like UpdateWorkflowExecution.
 */
export async function updateWithStartWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  start: StartRequest,
  update: UpdateRequest,
  signal?: AbortSignal,
  options: { waitMs?: number } = {},
): Promise<UpdateWithStartResult> {
  const workflowId = start.workflowId ?? '';
  let admittedInRun: string | undefined;
  const started = await startWorkflowExecution(context, namespace, start, undefined, (mutation) => {
    admitOnce(mutation, update);
    admittedInRun = mutation.state.runId;
  });
  const runId = started.runId ?? '';
  if (runId !== admittedInRun) {
    await updateExecution(context, { namespaceId: namespace.id, workflowId, runId }, (mutation) =>
      admitOnce(mutation, update),
    );
  }
  const updateId = update.request?.meta?.updateId ?? '';
  const view = await awaitUpdateStage(
    context,
    { namespaceId: namespace.id, workflowId, runId, updateId },
    wantedStage(update.waitPolicy),
    { waitMs: options.waitMs, signal },
  );
  return { start: started, update: updateResponse(workflowId, updateId, view) };
}
