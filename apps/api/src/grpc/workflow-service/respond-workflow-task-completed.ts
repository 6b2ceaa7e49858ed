import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireTaskToken } from './execution-fields.ts';

/**
 * RespondWorkflowTaskCompleted: history checks the commands (Temporal's command rules, sizes
 * included) because a bad command fails the workflow task rather than just the call.
 */
export function respondWorkflowTaskCompleted(dependencies: EngineDependencies) {
  return engineRpc('RespondWorkflowTaskCompleted', dependencies, {
    validate(request) {
      requireTaskToken(request.taskToken);
      return request;
    },
    handle: (request, namespace) => dependencies.history.respondWorkflowTaskCompleted(namespace, request),
  });
}
