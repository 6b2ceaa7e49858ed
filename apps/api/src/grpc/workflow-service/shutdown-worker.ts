import { engineRpc, type EngineDependencies } from './engine-rpc.ts';

/** ShutdownWorker: the worker's sticky queue is forgotten so its runs move to the normal queue at once. */
export function shutdownWorker(dependencies: EngineDependencies) {
  return engineRpc('ShutdownWorker', dependencies, {
    validate: (request) => request,
    handle: async (request, namespace) => {
      await dependencies.matching.shutdownWorker(namespace, request);
      return {};
    },
  });
}
