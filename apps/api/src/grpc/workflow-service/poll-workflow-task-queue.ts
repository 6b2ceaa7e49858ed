import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireTaskQueueName } from './execution-fields.ts';

/** PollWorkflowTaskQueue: a long poll served by matching; empty response when nothing came in time. */
export function pollWorkflowTaskQueue(dependencies: EngineDependencies) {
  return engineRpc('PollWorkflowTaskQueue', dependencies, {
    validate(request) {
      requireTaskQueueName(request.taskQueue);
      return request;
    },
    handle: (request, namespace, context) =>
      dependencies.matching.pollWorkflowTaskQueue(namespace, request, context.signal),
  });
}
