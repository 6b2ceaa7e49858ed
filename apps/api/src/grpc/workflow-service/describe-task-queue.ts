import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireTaskQueueName } from './execution-fields.ts';

/** DescribeTaskQueue: recent pollers and the backlog, from matching. */
export function describeTaskQueue(dependencies: EngineDependencies) {
  return engineRpc('DescribeTaskQueue', dependencies, {
    validate(request) {
      requireTaskQueueName(request.taskQueue);
      return request;
    },
    handle: (request, namespace) => dependencies.matching.describeTaskQueue(namespace, request),
  });
}
