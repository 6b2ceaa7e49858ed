import type { OperatorServiceMethodName, OperatorServiceMethods } from '@kairos/proto';
import { defineRpc, type RpcDefinition, type RpcHandler } from '../rpc-call.ts';

export type OperatorRequest<M extends OperatorServiceMethodName> = OperatorServiceMethods[M]['request'];
export type OperatorResponse<M extends OperatorServiceMethodName> = OperatorServiceMethods[M]['response'];
export type OperatorRpc<M extends OperatorServiceMethodName> = RpcHandler<
  OperatorRequest<M>,
  OperatorResponse<M>
>;

/**
 * Defines the handler of one OperatorService rpc from its validate and handle steps; naming the rpc
 * types both against the generated declarations.
 */
export function operatorRpc<M extends OperatorServiceMethodName, Input>(
  _method: M,
  definition: RpcDefinition<OperatorRequest<M>, Input, OperatorResponse<M>>,
): OperatorRpc<M> {
  return defineRpc(definition);
}
