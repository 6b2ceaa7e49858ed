import type {
  Metadata,
  sendUnaryData,
  ServerUnaryCall,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { Unimplemented } from '@kairos/errors';
import type { TemporalServiceDefinition } from '@kairos/proto';
import type { Logger } from '@kairos/telemetry';
import {
  composeInterceptors,
  type RpcContext,
  type RpcHandler,
  type RpcInterceptor,
  type RpcNext,
} from './rpc-call.ts';
import { toGrpcStatus } from './to-grpc-status.ts';

/** Handlers for some of a service's rpcs, typed per rpc from the generated declarations. */
export type ServiceHandlers<Methods extends Record<string, { request: object; response: object }>> = {
  [Name in keyof Methods]?: RpcHandler<Methods[Name]['request'], Methods[Name]['response']>;
};

export interface ServiceRouterOptions<Methods extends Record<string, { request: object; response: object }>> {
  /** Short name for logs, spans and metrics, e.g. `WorkflowService`. */
  service: string;
  definition: TemporalServiceDefinition;
  handlers: ServiceHandlers<Methods>;
  /** Outermost first. */
  interceptors: readonly RpcInterceptor[];
  logger: Logger;
}

/**
 * The grpc-js implementation of one service: every rpc of the definition runs through the interceptor
 * chain into its handler, and whatever is thrown leaves through the one error mapper. Rpcs without a
 * handler answer UNIMPLEMENTED naming the rpc (through the chain too, so they are counted and traced).
 */
export function routeService<Methods extends Record<string, { request: object; response: object }>>(
  options: ServiceRouterOptions<Methods>,
): UntypedServiceImplementation {
  // grpc-js decodes each request with the message type of the rpc it arrived on, which is the type the
  // handler under the same name was written for; past this point the router only needs "object in,
  // object out".
  const handlers = options.handlers as Record<string, RpcHandler<object, object> | undefined>;
  const implementation: Record<string, UntypedHandleCall> = {};
  for (const [name, method] of Object.entries(options.definition)) {
    // Every Temporal rpc is unary today; a streaming one would need its own call shape, so it is left
    // to grpc-js, which answers UNIMPLEMENTED.
    if (method.requestStream || method.responseStream) continue;
    const handler = handlers[name] ?? unimplemented(options.definition[name]?.path ?? name);
    const run: RpcNext = composeInterceptors(options.interceptors, (call) =>
      handler(call.request, call.context),
    );
    const rpc = `${options.service}/${name}`;
    implementation[name] = (call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => {
      const abort = new AbortController();
      call.once('cancelled', () => abort.abort(new Error(`${rpc} cancelled by the client`)));
      const context: RpcContext = {
        service: options.service,
        method: name,
        namespace: namespaceOf(call.request, call.metadata),
        metadata: call.metadata,
        peer: call.getPeer(),
        signal: abort.signal,
        logger: options.logger,
      };
      run({ context, request: call.request }).then(
        (response) => callback(null, response),
        (error: unknown) =>
          callback(toGrpcStatus(error, { logger: options.logger, rpc, traceId: context.traceId })),
      );
    };
  }
  return implementation;
}

function unimplemented(path: string): RpcHandler<object, object> {
  const error = () => new Unimplemented(`Kairos does not implement ${path.replace(/^\//, '')} yet.`);
  return async () => {
    throw error();
  };
}

/** The request's `namespace` field, else the `temporal-namespace` header the SDKs send. */
function namespaceOf(request: object, metadata: Metadata): string | undefined {
  if ('namespace' in request && typeof request.namespace === 'string' && request.namespace !== '') {
    return request.namespace;
  }
  const [header] = metadata.get('temporal-namespace');
  return typeof header === 'string' && header !== '' ? header : undefined;
}
