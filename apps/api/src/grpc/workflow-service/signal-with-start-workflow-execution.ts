import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, requireId } from './execution-fields.ts';
import { validateStartWorkflowRequest } from './start-workflow-request.ts';

/** SignalWithStartWorkflowExecution: signal the running run, or start one that begins with the signal. */
export function signalWithStartWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('SignalWithStartWorkflowExecution', dependencies, {
    validate(request) {
      validateStartWorkflowRequest(request, { operation: 'signal-with-start' });
      requireId(request.signalName, 'signalName');
      checkPayloadsSize(request.signalInput, 'signalInput');
      return request;
    },
    handle: (request, namespace) => dependencies.history.signalWithStartWorkflowExecution(namespace, request),
  });
}
