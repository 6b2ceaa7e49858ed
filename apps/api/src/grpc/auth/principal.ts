import { SYSTEM_ACCOUNT_ID } from '@kairos/db';
import { Internal } from '@kairos/errors';

/** The roles an API key may carry (never owner); the anonymous loopback caller acts as admin. */
export type PrincipalRole = 'admin' | 'developer' | 'read_only';

/** Who is calling a gRPC rpc: the result of authentication, put on RpcContext as `principal`. */
export type Principal =
  | {
      kind: 'api_key';
      accountId: string;
      keyId: string;
      /** The key's visible prefix, safe to log. */
      prefix: string;
      role: PrincipalRole;
      /** True: every namespace of the account, now and later; false: only `namespaceIds`. */
      allNamespaces: boolean;
      namespaceIds: readonly string[];
    }
  | {
      /**
       * A call without an API key from the api's own host, allowed when KAIROS_ANONYMOUS_LOOPBACK is on
       * (the embedded default): the system account, as admin, in that account's namespaces only.
       */
      kind: 'anonymous_loopback';
      accountId: typeof SYSTEM_ACCOUNT_ID;
      role: 'admin';
      allNamespaces: true;
    };

export const anonymousLoopbackPrincipal: Principal = Object.freeze({
  kind: 'anonymous_loopback',
  accountId: SYSTEM_ACCOUNT_ID,
  role: 'admin',
  allNamespaces: true,
});

const roleRank: Record<PrincipalRole, number> = { read_only: 0, developer: 1, admin: 2 };

/** True when `role` is at least `required` (read_only < developer < admin). */
export function roleAtLeast(role: PrincipalRole, required: PrincipalRole): boolean {
  return roleRank[role] >= roleRank[required];
}

/** Whether the principal's scope covers namespace `namespaceId` of account `accountId`. */
export function principalCovers(principal: Principal, accountId: string, namespaceId: string): boolean {
  if (principal.accountId !== accountId) return false;
  return (
    principal.allNamespaces || (principal.kind === 'api_key' && principal.namespaceIds.includes(namespaceId))
  );
}

/** How a principal shows in logs: the key's prefix, or `anonymous`. Never the key. */
export function principalLabel(principal: Principal): string {
  return principal.kind === 'api_key' ? principal.prefix : 'anonymous-loopback';
}

/** The caller of an rpc past the authentication step; its absence is a wiring bug, never a caller's. */
export function principalOf(context: { principal?: Principal | undefined }): Principal {
  if (!context.principal) throw new Internal('the rpc reached its handler without authentication');
  return context.principal;
}
