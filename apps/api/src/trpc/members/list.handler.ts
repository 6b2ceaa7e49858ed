import { listMembers } from '../../control-plane/members/members.ts';
import type { SessionContext } from '../context.ts';

export function listHandler({ ctx }: { ctx: SessionContext }) {
  return listMembers(ctx.controlPlane.prisma, ctx.actor, ctx.controlPlane.now());
}
