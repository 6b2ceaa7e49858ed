import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, requireExecution, requireId } from './execution-fields.ts';

/** SignalWorkflowExecution: appended to the run's history (once per request id) by history. */
export function signalWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('SignalWorkflowExecution', dependencies, {
    validate(request) {
      requireExecution(request.workflowExecution, 'workflowExecution');
      requireId(request.signalName, 'signalName');
      checkPayloadsSize(request.input, 'input');
      return request;
    },
    handle: async (request, namespace) => {
      await dependencies.history.signalWorkflowExecution(namespace, request);
      return {};
    },
  });
}
