import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireExecution, requireId } from './execution-fields.ts';

/** PollWorkflowExecutionUpdate: waits (20 s at most) for an existing update to reach the stage asked. */
export function pollWorkflowExecutionUpdate(dependencies: EngineDependencies) {
  return engineRpc('PollWorkflowExecutionUpdate', dependencies, {
    validate(request) {
      requireExecution(request.updateRef?.workflowExecution, 'updateRef.workflowExecution');
      requireId(request.updateRef?.updateId, 'updateRef.updateId');
      return request;
    },
    handle: (request, namespace, context) =>
      dependencies.history.pollWorkflowExecutionUpdate(namespace, request, context.signal),
  });
}
