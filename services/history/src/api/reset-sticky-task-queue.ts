import type { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { executionRef, updateExecution, type EngineContext } from '../engine/engine-context.ts';

/** ResetStickyTaskQueue: the run's next workflow tasks go to the normal queue with full history. */
export async function resetStickyTaskQueue(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IResetStickyTaskQueueRequest,
): Promise<void> {
  await updateExecution(context, executionRef(namespace, request.execution), (mutation) => {
    if (!mutation.state.sticky) return;
    mutation.state.sticky = undefined;
    mutation.touch();
  });
}
