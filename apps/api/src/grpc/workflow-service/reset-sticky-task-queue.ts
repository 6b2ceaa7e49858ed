import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireExecution } from './execution-fields.ts';

/** ResetStickyTaskQueue: the run's next workflow task goes to the normal queue. */
export function resetStickyTaskQueue(dependencies: EngineDependencies) {
  return engineRpc('ResetStickyTaskQueue', dependencies, {
    validate(request) {
      requireExecution(request.execution, 'execution');
      return request;
    },
    handle: async (request, namespace) => {
      await dependencies.history.resetStickyTaskQueue(namespace, request);
      return {};
    },
  });
}
