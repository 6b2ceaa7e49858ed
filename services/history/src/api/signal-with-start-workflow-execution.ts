import type { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { startWorkflowExecution } from './start-workflow-execution.ts';

/**
 * SignalWithStartWorkflowExecution: signals the workflow id's running run, or starts a new run whose
 * history carries the signal right after WorkflowExecutionStarted (so the first workflow task sees it).
 */
export async function signalWithStartWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.ISignalWithStartWorkflowExecutionRequest,
): Promise<temporal.api.workflowservice.v1.ISignalWithStartWorkflowExecutionResponse> {
  const { signalName, signalInput, header, ...start } = request;
  return startWorkflowExecution(
    context,
    namespace,
    { ...start, header },
    {
      signalName: signalName ?? '',
      input: signalInput,
      header,
    },
  );
}
