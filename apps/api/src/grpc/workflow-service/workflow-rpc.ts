import type { WorkflowServiceMethodName, WorkflowServiceMethods } from '@kairos/proto';
import { defineRpc, type RpcDefinition, type RpcHandler } from '../rpc-call.ts';

export type WorkflowRequest<M extends WorkflowServiceMethodName> = WorkflowServiceMethods[M]['request'];
export type WorkflowResponse<M extends WorkflowServiceMethodName> = WorkflowServiceMethods[M]['response'];
export type WorkflowRpc<M extends WorkflowServiceMethodName> = RpcHandler<
  WorkflowRequest<M>,
  WorkflowResponse<M>
>;

/**
 * Defines the handler of one WorkflowService rpc from its validate and handle steps; naming the rpc
 * types both against the generated declarations.
 */
export function workflowRpc<M extends WorkflowServiceMethodName, Input>(
  _method: M,
  definition: RpcDefinition<WorkflowRequest<M>, Input, WorkflowResponse<M>>,
): WorkflowRpc<M> {
  return defineRpc(definition);
}
