import { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { executionRef, resolveRunId, type EngineContext } from '../engine/engine-context.ts';
import { awaitUpdateStage } from '../updates/await-update.ts';
import { wantedStage } from './update-workflow-execution.ts';

type PollRequest = temporal.api.workflowservice.v1.IPollWorkflowExecutionUpdateRequest;
type PollResponse = temporal.api.workflowservice.v1.IPollWorkflowExecutionUpdateResponse;

/**
 * PollWorkflowExecutionUpdate: waits for an update the run already has to reach the asked stage (the
 * SDKs ask for COMPLETED and poll again while no outcome comes back). Never admits anything.
 */
export async function pollWorkflowExecutionUpdate(
  context: EngineContext,
  namespace: NamespaceRef,
  request: PollRequest,
  signal?: AbortSignal,
  options: { waitMs?: number } = {},
): Promise<PollResponse> {
  const ref = executionRef(namespace, request.updateRef?.workflowExecution);
  const updateId = request.updateRef?.updateId ?? '';
  const runId = await resolveRunId(context, ref);
  const view = await awaitUpdateStage(
    context,
    { namespaceId: namespace.id, workflowId: ref.workflowId, runId, updateId },
    wantedStage(request.waitPolicy),
    { waitMs: options.waitMs, signal },
  );
  return {
    updateRef: { workflowExecution: { workflowId: ref.workflowId, runId }, updateId },
    stage: view.stage,
    outcome: view.outcome ?? null,
  };
}
