import type { Metadata } from '@grpc/grpc-js';
import type { Logger } from '@kairos/telemetry';
import type { Principal } from './auth/principal.ts';
import type { NamespaceAccess } from '../namespaces/namespace-repository.ts';

/** What every step of the chain and every handler knows about the call in flight. */
export interface RpcContext {
  /** Short service name, e.g. `WorkflowService`. */
  readonly service: string;
  /** The rpc name, e.g. `DescribeNamespace`. */
  readonly method: string;
  /** The namespace the request names (its `namespace` field, else the SDK's `temporal-namespace` header). */
  readonly namespace: string | undefined;
  readonly metadata: Metadata;
  /** The client's address as grpc-js reports it (`call.getPeer()`), e.g. `127.0.0.1:53412`. */
  readonly peer: string;
  /** Aborted when the client cancels or its deadline passes; long polls and slow queries should stop. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Set by the telemetry step: the trace of this call, quoted in INTERNAL errors. */
  traceId?: string;
  /** Set by the authentication step: who is calling (an API key, or an anonymous loopback caller). */
  principal?: Principal;
  /**
   * Set by the authorization step for namespace-scoped rpcs: the namespace the principal was allowed to
   * use (the quota step meters it by id).
   */
  authorizedNamespace?: NamespaceAccess;
}

/** A decoded request and its context, as it travels through the interceptor chain. */
export interface RpcCall {
  readonly context: RpcContext;
  readonly request: object;
}

export type RpcNext = (call: RpcCall) => Promise<object>;

/**
 * One step around every rpc, like Temporal's `common/rpc/interceptor`: tracing and metrics,
 * authentication and authorization (auth/), namespace quotas and rate limits (quotas/). A step may inspect or replace the call, throw
 * a DomainError to refuse it, or observe the result of `next`.
 */
export type RpcInterceptor = (call: RpcCall, next: RpcNext) => Promise<object>;

/** Chains interceptors outermost-first around the handler. */
export function composeInterceptors(interceptors: readonly RpcInterceptor[], handler: RpcNext): RpcNext {
  return interceptors.reduceRight<RpcNext>((next, interceptor) => (call) => interceptor(call, next), handler);
}

/** `rpc` as a thin handler file defines it: validate the request into an input, then act on it. */
export interface RpcDefinition<Request, Input, Response> {
  /** Pure and synchronous; throws InvalidArgument naming the field. */
  validate(request: Request): Input;
  handle(input: Input, context: RpcContext): Promise<Response>;
}

/** A handler ready for the router. */
export type RpcHandler<Request, Response> = (request: Request, context: RpcContext) => Promise<Response>;

/** Joins a handler file's validate and handle, hiding its input type from the router. */
export function defineRpc<Request, Input, Response>(
  definition: RpcDefinition<Request, Input, Response>,
): RpcHandler<Request, Response> {
  return async (request, context) => definition.handle(definition.validate(request), context);
}
