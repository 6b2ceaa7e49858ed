import type { HistoryClient, NamespaceRef } from '@kairos/history/client';
import type { MatchingClient } from '@kairos/matching/client';
import type { WorkflowServiceMethodName } from '@kairos/proto';
import { requireNamespaceName } from './namespace-fields.ts';
import type { NamespaceResolver } from '../../namespaces/namespace-resolver.ts';
import {
  workflowRpc,
  type WorkflowRequest,
  type WorkflowResponse,
  type WorkflowRpc,
} from './workflow-rpc.ts';
import type { RpcContext } from '../rpc-call.ts';

/** What the workflow rpcs reach the engine through. */
export interface EngineDependencies {
  resolver: NamespaceResolver;
  history: HistoryClient;
  matching: MatchingClient;
}

/**
 * A workflow rpc that acts on the engine: validate (pure; names the field), resolve the namespace,
 * then hand over to history or matching. Keeps each rpc file down to its own rules.
 */
export function engineRpc<M extends WorkflowServiceMethodName, Input>(
  method: M,
  dependencies: EngineDependencies,
  definition: {
    validate(request: WorkflowRequest<M>): Input;
    handle(input: Input, namespace: NamespaceRef, context: RpcContext): Promise<WorkflowResponse<M>>;
  },
): WorkflowRpc<M> {
  return workflowRpc(method, {
    validate: (request) => ({
      namespace: requireNamespaceName((request as { namespace?: string | null }).namespace ?? ''),
      input: definition.validate(request),
    }),
    handle: async ({ namespace, input }, context) =>
      definition.handle(input, await dependencies.resolver.resolve(namespace), context),
  });
}
