import { checkPayloadsSize } from './execution-fields.ts';
import { activityById, activityByToken } from './activity-target.ts';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';

/**
 * RespondActivityTaskCompleted/Failed/Canceled and their ById forms: the worker's (or an async
 * completer's) outcome of an activity attempt, recorded by history. A stale token is NOT_FOUND.
 */
export function respondActivityTaskCompleted(dependencies: EngineDependencies) {
  return engineRpc('RespondActivityTaskCompleted', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.result, 'result');
      return { target: activityByToken(request), identity: request.identity ?? '', result: request.result };
    },
    handle: async (input, namespace) => {
      await dependencies.history.respondActivityTaskCompleted(namespace, input);
      return {};
    },
  });
}

export function respondActivityTaskCompletedById(dependencies: EngineDependencies) {
  return engineRpc('RespondActivityTaskCompletedById', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.result, 'result');
      return { target: activityById(request), identity: request.identity ?? '', result: request.result };
    },
    handle: async (input, namespace) => {
      await dependencies.history.respondActivityTaskCompleted(namespace, input);
      return {};
    },
  });
}

export function respondActivityTaskFailed(dependencies: EngineDependencies) {
  return engineRpc('RespondActivityTaskFailed', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.lastHeartbeatDetails, 'lastHeartbeatDetails');
      return {
        target: activityByToken(request),
        identity: request.identity ?? '',
        failure: request.failure,
        lastHeartbeatDetails: request.lastHeartbeatDetails,
      };
    },
    handle: async (input, namespace) => {
      await dependencies.history.respondActivityTaskFailed(namespace, input);
      return { failures: [] };
    },
  });
}

export function respondActivityTaskFailedById(dependencies: EngineDependencies) {
  return engineRpc('RespondActivityTaskFailedById', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.lastHeartbeatDetails, 'lastHeartbeatDetails');
      return {
        target: activityById(request),
        identity: request.identity ?? '',
        failure: request.failure,
        lastHeartbeatDetails: request.lastHeartbeatDetails,
      };
    },
    handle: async (input, namespace) => {
      await dependencies.history.respondActivityTaskFailed(namespace, input);
      return { failures: [] };
    },
  });
}

export function respondActivityTaskCanceled(dependencies: EngineDependencies) {
  return engineRpc('RespondActivityTaskCanceled', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.details, 'details');
      return { target: activityByToken(request), identity: request.identity ?? '', details: request.details };
    },
    handle: async (input, namespace) => {
      await dependencies.history.respondActivityTaskCanceled(namespace, input);
      return {};
    },
  });
}

export function respondActivityTaskCanceledById(dependencies: EngineDependencies) {
  return engineRpc('RespondActivityTaskCanceledById', dependencies, {
    validate: (request) => {
      checkPayloadsSize(request.details, 'details');
      return { target: activityById(request), identity: request.identity ?? '', details: request.details };
    },
    handle: async (input, namespace) => {
      await dependencies.history.respondActivityTaskCanceled(namespace, input);
      return {};
    },
  });
}
