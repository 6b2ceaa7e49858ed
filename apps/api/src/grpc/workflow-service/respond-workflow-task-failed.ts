import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireTaskToken } from './execution-fields.ts';

/** RespondWorkflowTaskFailed: the worker could not run the task; history retries it. */
export function respondWorkflowTaskFailed(dependencies: EngineDependencies) {
  return engineRpc('RespondWorkflowTaskFailed', dependencies, {
    validate(request) {
      requireTaskToken(request.taskToken);
      return request;
    },
    handle: async (request, namespace) => {
      await dependencies.history.respondWorkflowTaskFailed(namespace, request);
      return {};
    },
  });
}
