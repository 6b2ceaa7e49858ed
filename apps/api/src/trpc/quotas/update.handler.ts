import type { NamespaceQuotaView } from '../../control-plane/quotas/account-quotas.ts';
import type { SessionContext } from '../context.ts';
import type { UpdateInput } from './update.schema.ts';

export function updateHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: UpdateInput;
}): Promise<NamespaceQuotaView> {
  return ctx.controlPlane.quotas.update(ctx.actor, input);
}
