import type { ActivityTarget, HistoryClient, NamespaceRef } from '@kairos/history/client';
import type { WorkflowServiceMethodName } from '@kairos/proto';
import { activityById, activityByToken } from './activity-target.ts';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize } from './execution-fields.ts';
import type { WorkflowRequest, WorkflowResponse } from './workflow-rpc.ts';

/**
 * RespondActivityTaskCompleted/Failed/Canceled and their ById forms: the worker's (or an async
 * completer's) outcome of an activity attempt, recorded by history. A stale token is NOT_FOUND. The
 * token and ById forms differ only in how they name the activity.
 */
function activityOutcomeRpc<M extends WorkflowServiceMethodName, Input>(
  method: M,
  dependencies: EngineDependencies,
  name: (request: WorkflowRequest<M>) => ActivityTarget,
  outcome: {
    /** The payload field capped at 2 MB. */
    payloadField: string;
    input(request: WorkflowRequest<M>, target: ActivityTarget): Input & { payload: unknown };
    record(history: HistoryClient, namespace: NamespaceRef, input: Input): Promise<unknown>;
    response: WorkflowResponse<M>;
  },
) {
  return engineRpc(method, dependencies, {
    validate: (request) => {
      const input = outcome.input(request, name(request));
      checkPayloadsSize(input.payload as Parameters<typeof checkPayloadsSize>[0], outcome.payloadField);
      return input;
    },
    handle: async (input, namespace) => {
      await outcome.record(dependencies.history, namespace, input);
      return outcome.response;
    },
  });
}

const completed = {
  payloadField: 'result',
  input: (
    request: { result?: WorkflowRequest<'RespondActivityTaskCompleted'>['result']; identity?: string | null },
    target: ActivityTarget,
  ) => ({
    target,
    identity: request.identity ?? '',
    result: request.result,
    payload: request.result,
  }),
  record: (
    history: HistoryClient,
    namespace: NamespaceRef,
    input: Parameters<HistoryClient['respondActivityTaskCompleted']>[1],
  ) => history.respondActivityTaskCompleted(namespace, input),
  response: {},
};

const failed = {
  payloadField: 'lastHeartbeatDetails',
  input: (
    request: Pick<
      WorkflowRequest<'RespondActivityTaskFailed'>,
      'failure' | 'lastHeartbeatDetails' | 'identity'
    >,
    target: ActivityTarget,
  ) => ({
    target,
    identity: request.identity ?? '',
    failure: request.failure,
    lastHeartbeatDetails: request.lastHeartbeatDetails,
    payload: request.lastHeartbeatDetails,
  }),
  record: (
    history: HistoryClient,
    namespace: NamespaceRef,
    input: Parameters<HistoryClient['respondActivityTaskFailed']>[1],
  ) => history.respondActivityTaskFailed(namespace, input),
  response: { failures: [] },
};

const canceled = {
  payloadField: 'details',
  input: (
    request: Pick<WorkflowRequest<'RespondActivityTaskCanceled'>, 'details' | 'identity'>,
    target: ActivityTarget,
  ) => ({
    target,
    identity: request.identity ?? '',
    details: request.details,
    payload: request.details,
  }),
  record: (
    history: HistoryClient,
    namespace: NamespaceRef,
    input: Parameters<HistoryClient['respondActivityTaskCanceled']>[1],
  ) => history.respondActivityTaskCanceled(namespace, input),
  response: {},
};

export const respondActivityTaskCompleted = (dependencies: EngineDependencies) =>
  activityOutcomeRpc('RespondActivityTaskCompleted', dependencies, activityByToken, completed);
export const respondActivityTaskCompletedById = (dependencies: EngineDependencies) =>
  activityOutcomeRpc('RespondActivityTaskCompletedById', dependencies, activityById, completed);
export const respondActivityTaskFailed = (dependencies: EngineDependencies) =>
  activityOutcomeRpc('RespondActivityTaskFailed', dependencies, activityByToken, failed);
export const respondActivityTaskFailedById = (dependencies: EngineDependencies) =>
  activityOutcomeRpc('RespondActivityTaskFailedById', dependencies, activityById, failed);
export const respondActivityTaskCanceled = (dependencies: EngineDependencies) =>
  activityOutcomeRpc('RespondActivityTaskCanceled', dependencies, activityByToken, canceled);
export const respondActivityTaskCanceledById = (dependencies: EngineDependencies) =>
  activityOutcomeRpc('RespondActivityTaskCanceledById', dependencies, activityById, canceled);
