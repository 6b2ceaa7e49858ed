import { activityById, activityByToken } from './activity-target.ts';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize } from './execution-fields.ts';

/** RecordActivityTaskHeartbeat(+ById): keeps the attempt alive and reports a cancel request. */
export function recordActivityTaskHeartbeat(dependencies: EngineDependencies) {
  return engineRpc('RecordActivityTaskHeartbeat', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.details, 'details');
      return { target: activityByToken(request), identity: request.identity ?? '', details: request.details };
    },
    handle: (input, namespace) => dependencies.history.recordActivityTaskHeartbeat(namespace, input),
  });
}

export function recordActivityTaskHeartbeatById(dependencies: EngineDependencies) {
  return engineRpc('RecordActivityTaskHeartbeatById', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.details, 'details');
      return { target: activityById(request), identity: request.identity ?? '', details: request.details };
    },
    handle: (input, namespace) => dependencies.history.recordActivityTaskHeartbeat(namespace, input),
  });
}
