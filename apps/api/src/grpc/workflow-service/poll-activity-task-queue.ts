import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireTaskQueueName } from './execution-fields.ts';

/** PollActivityTaskQueue: a long poll served by matching; empty response when nothing came in time. */
export function pollActivityTaskQueue(dependencies: EngineDependencies) {
  return engineRpc('PollActivityTaskQueue', dependencies, {
    validate(request) {
      requireTaskQueueName(request.taskQueue);
      return request;
    },
    handle: async (request, namespace, context) => {
      const response = await dependencies.matching.pollActivityTaskQueue(namespace, request, context.signal);
      // The engine knows namespaces by id; the worker is told the name it polled with.
      return response.taskToken ? { ...response, workflowNamespace: namespace.name } : response;
    },
  });
}
