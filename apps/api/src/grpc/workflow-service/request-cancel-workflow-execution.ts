import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireExecution } from './execution-fields.ts';

/** RequestCancelWorkflowExecution: the workflow is told; it decides how to wind down. */
export function requestCancelWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('RequestCancelWorkflowExecution', dependencies, {
    validate(request) {
      requireExecution(request.workflowExecution, 'workflowExecution');
      return request;
    },
    handle: async (request, namespace) => {
      await dependencies.history.requestCancelWorkflowExecution(namespace, request);
      return {};
    },
  });
}
