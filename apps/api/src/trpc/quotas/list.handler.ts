import type { NamespaceQuotaView } from '../../control-plane/quotas/account-quotas.ts';
import type { SessionContext } from '../context.ts';

export function listHandler({ ctx }: { ctx: SessionContext }): Promise<NamespaceQuotaView[]> {
  return ctx.controlPlane.quotas.list(ctx.actor);
}
