import type { InternalRpcHandler } from '@kairos/internal-rpc';
import type { MatchingClient } from './client.ts';

type ArgsOf<M extends keyof MatchingClient> = Parameters<MatchingClient[M]>;

/**
 * The server side of RemoteMatchingClient: each MatchingClient method under its own name. Polls and
 * queries take the call's signal, so a caller that goes away (the SDK cancelled, the api shut down)
 * ends the long poll here and the task it might have been handed stays in the queue.
 */
export function matchingRpcHandlers(
  client: MatchingClient,
): Record<keyof MatchingClient, InternalRpcHandler> {
  return {
    pollWorkflowTaskQueue: (args, signal) => {
      const [namespace, request] = args as ArgsOf<'pollWorkflowTaskQueue'>;
      return client.pollWorkflowTaskQueue(namespace, request, signal);
    },
    pollActivityTaskQueue: (args, signal) => {
      const [namespace, request] = args as ArgsOf<'pollActivityTaskQueue'>;
      return client.pollActivityTaskQueue(namespace, request, signal);
    },
    queryWorkflow: (args, signal) => {
      const [namespace, target, query] = args as ArgsOf<'queryWorkflow'>;
      return client.queryWorkflow(namespace, target, query, signal);
    },
    respondQueryTaskCompleted: (args) =>
      client.respondQueryTaskCompleted(...(args as ArgsOf<'respondQueryTaskCompleted'>)),
    describeTaskQueue: (args) => client.describeTaskQueue(...(args as ArgsOf<'describeTaskQueue'>)),
    shutdownWorker: (args) => client.shutdownWorker(...(args as ArgsOf<'shutdownWorker'>)),
  };
}
