import type { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { executionRef, updateExecution, type EngineContext } from '../engine/engine-context.ts';
import { firstTimeRequest, requireRunning } from '../transitions/close-workflow.ts';
import { ensureWorkflowTask } from '../transitions/workflow-task.ts';

/**
 * SignalWorkflowExecution: appends WorkflowExecutionSignaled (buffered while a workflow task runs) and
 * makes sure a workflow task will deliver it. A retried request (same request id) is applied once.
 */
export async function signalWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.ISignalWorkflowExecutionRequest,
): Promise<void> {
  await updateExecution(context, executionRef(namespace, request.workflowExecution), (mutation) => {
    requireRunning(mutation.state);
    if (!firstTimeRequest(mutation, request.requestId)) return;
    mutation.appendExternal(
      mutation.event('workflowExecutionSignaled', {
        signalName: request.signalName ?? '',
        input: request.input ?? null,
        identity: request.identity ?? '',
        header: request.header ?? null,
      }),
    );
    ensureWorkflowTask(mutation);
  });
}
