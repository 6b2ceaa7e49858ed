import { listAuditEntries } from '../../control-plane/audit/audit-log.ts';
import type { SessionContext } from '../context.ts';
import type { ListInput } from './list.schema.ts';

export function listHandler({ ctx, input }: { ctx: SessionContext; input: ListInput }) {
  return listAuditEntries(ctx.controlPlane.prisma, ctx.actor.accountId, input);
}
