import type { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { executionRef, updateExecution, type EngineContext } from '../engine/engine-context.ts';
import { requireRunning } from '../transitions/close-workflow.ts';
import { terminateRun } from '../transitions/terminate-run.ts';

/** TerminateWorkflowExecution: closes the run at once with WorkflowExecutionTerminated. */
export async function terminateWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.ITerminateWorkflowExecutionRequest,
): Promise<void> {
  await updateExecution(context, executionRef(namespace, request.workflowExecution), (mutation) => {
    requireRunning(mutation.state);
    terminateRun(mutation, {
      reason: request.reason ?? '',
      details: request.details,
      identity: request.identity ?? '',
    });
  });
}
