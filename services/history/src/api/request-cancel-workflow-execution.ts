import type { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { executionRef, updateExecution, type EngineContext } from '../engine/engine-context.ts';
import { firstTimeRequest } from '../transitions/close-workflow.ts';
import { ensureWorkflowTask } from '../transitions/workflow-task.ts';

/**
 * RequestCancelWorkflowExecution: records WorkflowExecutionCancelRequested once; the workflow decides
 * what cancellation means and closes itself with CancelWorkflowExecution.
 */
export async function requestCancelWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IRequestCancelWorkflowExecutionRequest,
): Promise<void> {
  await updateExecution(context, executionRef(namespace, request.workflowExecution), (mutation) => {
    // As Temporal: cancelling a run that already closed is not an error; there is nothing to do.
    if (mutation.state.status !== 'running') return;
    if (!firstTimeRequest(mutation, request.requestId)) return;
    if (mutation.state.cancelRequested) return;
    mutation.state.cancelRequested = true;
    mutation.appendExternal(
      mutation.event('workflowExecutionCancelRequested', {
        cause: request.reason ?? '',
        identity: request.identity ?? '',
      }),
    );
    ensureWorkflowTask(mutation);
  });
}
