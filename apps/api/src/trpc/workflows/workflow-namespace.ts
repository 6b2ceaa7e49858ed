import type { NamespaceRef } from '@kairos/history/client';
import { findAccountNamespace } from '../../control-plane/namespaces/account-namespaces.ts';
import type { SessionContext } from '../context.ts';

/**
 * The actor's live namespace by name, as the engine addresses it. Other accounts' namespaces answer
 * NOT_FOUND, exactly like names nobody has.
 */
export async function resolveWorkflowNamespace(ctx: SessionContext, name: string): Promise<NamespaceRef> {
  const row = await findAccountNamespace(ctx.controlPlane.prisma, ctx.actor.accountId, name);
  return { id: row.id, name: row.name };
}

/** Who the engine records as the caller of a console action (signal identity, terminate identity). */
export function consoleIdentity(ctx: SessionContext): string {
  return `kairos-console:${ctx.actor.email}`;
}
