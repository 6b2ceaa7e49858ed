import { SYSTEM_ACCOUNT_ID } from '@kairos/db';
import { namespaceNotFound, PermissionDenied } from '@kairos/errors';
import type { NamespaceAccess } from '../../namespaces/namespace-repository.ts';
import type { NamespaceResolver } from '../../namespaces/namespace-resolver.ts';
import { requireNamespaceName, validateNamespaceId } from '../workflow-service/namespace-fields.ts';
import { principalCovers, roleAtLeast, type Principal, type PrincipalRole } from './principal.ts';
import type { RpcAccess, RpcPermission } from './rpc-permissions.ts';

const roleFor: Record<RpcAccess, PrincipalRole> = { read: 'read_only', write: 'developer', admin: 'admin' };

function denied(reason: string): PermissionDenied {
  const message = `Request unauthorized: ${reason}.`;
  return new PermissionDenied(message, { detail: { type: 'PermissionDenied', reason: message } });
}

/** The namespace a namespace-scoped request names: its `namespace` field, else an id field. */
function namespaceTargetOf(request: object): { name: string } | { id: string } {
  const fields = request as { namespace?: unknown; id?: unknown; namespaceId?: unknown };
  if (typeof fields.namespace === 'string' && fields.namespace !== '') {
    return { name: requireNamespaceName(fields.namespace) };
  }
  // DescribeNamespace may name its namespace by `id`, OperatorService's DeleteNamespace by `namespaceId`.
  for (const [field, id] of [
    ['id', fields.id],
    ['namespaceId', fields.namespaceId],
  ] as const) {
    if (typeof id === 'string' && id !== '') return { id: validateNamespaceId(id, field) };
  }
  return { name: requireNamespaceName('') };
}

export interface AuthorizeInput {
  principal: Principal;
  permission: RpcPermission;
  /** `WorkflowService/StartWorkflowExecution`, for messages. */
  rpc: string;
  request: object;
  resolver: Pick<NamespaceResolver, 'access'>;
}

/**
 * May this principal make this call? Throws PERMISSION_DENIED naming what is refused; for a
 * namespace-scoped rpc returns the namespace it may use.
 *
 * Tenant isolation: an API key asking for a namespace outside its scope gets the same refusal whether
 * the namespace belongs to another account or does not exist at all, so a key cannot probe other
 * tenants' namespace names. An anonymous loopback caller (the system account) is answered as by a
 * Temporal server that holds only the system account's namespaces: NOT_FOUND for any other.
 */
export async function authorize(input: AuthorizeInput): Promise<NamespaceAccess | undefined> {
  const { principal, permission, rpc } = input;
  const requiredRole = roleFor[permission.access];
  const requireRole = () => {
    if (!roleAtLeast(principal.role, requiredRole)) {
      throw denied(`the ${principal.role} role may not call ${rpc}`);
    }
  };
  switch (permission.scope) {
    case 'any':
      return undefined;
    case 'cluster':
      if (principal.accountId !== SYSTEM_ACCOUNT_ID) throw denied(`${rpc} is for the cluster operator only`);
      requireRole();
      return undefined;
    case 'account':
      requireRole();
      if (permission.access !== 'read' && !principal.allNamespaces) {
        throw denied(`${rpc} needs an API key for all namespaces of the account`);
      }
      return undefined;
    case 'namespace': {
      const target = namespaceTargetOf(input.request);
      const label = 'name' in target ? target.name : target.id;
      const found = await input.resolver.access(target);
      if (principal.kind === 'anonymous_loopback') {
        if (!found || found.removed || found.accountId !== principal.accountId)
          throw namespaceNotFound(label);
      } else {
        if (!found || !principalCovers(principal, found.accountId, found.id)) {
          throw denied(`this API key may not use namespace ${label}`);
        }
        // The key's own account deleted it: telling its callers is no leak.
        if (found.removed) throw namespaceNotFound(label);
      }
      requireRole();
      return found;
    }
  }
}
