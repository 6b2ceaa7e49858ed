import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, requireExecution } from './execution-fields.ts';

/** TerminateWorkflowExecution: closes the run at once. */
export function terminateWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('TerminateWorkflowExecution', dependencies, {
    validate(request) {
      requireExecution(request.workflowExecution, 'workflowExecution');
      checkPayloadsSize(request.details, 'details');
      return request;
    },
    handle: async (request, namespace) => {
      await dependencies.history.terminateWorkflowExecution(namespace, request);
      return {};
    },
  });
}
