import { removeMember } from '../../control-plane/members/members.ts';
import type { SessionContext } from '../context.ts';
import type { RemoveInput } from './remove.schema.ts';

/** Admins remove others; anyone may remove themselves (leave), checked in the domain module. */
export async function removeHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: RemoveInput;
}): Promise<{ ok: true }> {
  await removeMember(ctx.controlPlane.prisma, ctx.actor, input.userId);
  return { ok: true };
}
