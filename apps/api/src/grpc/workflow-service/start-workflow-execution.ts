import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { validateStartWorkflowRequest } from './start-workflow-request.ts';

/** StartWorkflowExecution: validated here (ids, type, queue, timeouts, policies, sizes), started by history. */
export function startWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('StartWorkflowExecution', dependencies, {
    validate(request) {
      validateStartWorkflowRequest(request);
      return request;
    },
    handle: (request, namespace) => dependencies.history.startWorkflowExecution(namespace, request),
  });
}
