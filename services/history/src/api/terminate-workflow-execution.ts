import type { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { updateExecution, type EngineContext } from '../engine/engine-context.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { closeWorkflow, requireRunning } from '../transitions/close-workflow.ts';
import { failInFlightTaskForClose } from '../transitions/workflow-task.ts';

/** TerminateWorkflowExecution: closes the run at once with WorkflowExecutionTerminated. */
export async function terminateWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.ITerminateWorkflowExecutionRequest,
): Promise<void> {
  const execution = request.workflowExecution;
  await updateExecution(
    context,
    { namespaceId: namespace.id, workflowId: execution?.workflowId ?? '', runId: execution?.runId },
    (mutation) => {
      requireRunning(mutation.state);
      terminateRun(mutation, {
        reason: request.reason ?? '',
        details: request.details,
        identity: request.identity ?? '',
      });
    },
  );
}

export function terminateRun(
  mutation: ExecutionMutation,
  termination: { reason: string; details?: temporal.api.common.v1.IPayloads | null; identity: string },
): void {
  if (mutation.state.status !== 'running') return;
  failInFlightTaskForClose(mutation);
  closeWorkflow(mutation, 'terminated', 'workflowExecutionTerminated', {
    reason: termination.reason,
    details: termination.details ?? null,
    identity: termination.identity,
  });
}
