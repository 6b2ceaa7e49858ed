import { PermissionDenied } from '@kairos/errors';
import type { NamespaceResolver } from '../../namespaces/namespace-resolver.ts';
import type { RpcInterceptor } from '../rpc-call.ts';
import type { Authenticate } from './authenticate.ts';
import { authorize } from './authorize.ts';
import { rpcPermission } from './rpc-permissions.ts';

/**
 * Authentication and authorization, one step of the chain (after telemetry, so refusals are counted):
 * puts the caller's principal on the context, checks the rpc against rpc-permissions.ts, and for
 * namespace-scoped rpcs records the namespace the caller may use (the quota step meters it).
 */
export function authInterceptor(options: {
  authenticate: Authenticate;
  resolver: Pick<NamespaceResolver, 'access'>;
}): RpcInterceptor {
  return async (call, next) => {
    const { context } = call;
    const principal = await options.authenticate(context.metadata, context.peer);
    context.principal = principal;
    const rpc = `${context.service}/${context.method}`;
    const permission = rpcPermission(context.service, context.method);
    // Fail closed: an rpc nobody classified is refused for everyone.
    if (!permission) throw new PermissionDenied(`Request unauthorized: ${rpc} is not available.`);
    const namespace = await authorize({
      principal,
      permission,
      rpc,
      request: call.request,
      resolver: options.resolver,
    });
    if (namespace) context.authorizedNamespace = namespace;
    return next(call);
  };
}
