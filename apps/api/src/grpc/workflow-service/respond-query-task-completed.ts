import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, requireTaskToken } from './execution-fields.ts';

/** RespondQueryTaskCompleted: a worker's answer to a legacy query task, relayed to the waiting query. */
export function respondQueryTaskCompleted(dependencies: EngineDependencies) {
  return engineRpc('RespondQueryTaskCompleted', dependencies, {
    validate(request) {
      requireTaskToken(request.taskToken);
      checkPayloadsSize(request.queryResult, 'queryResult');
      return request;
    },
    handle: async (request, namespace) => {
      await dependencies.matching.respondQueryTaskCompleted(namespace, request);
      return {};
    },
  });
}
