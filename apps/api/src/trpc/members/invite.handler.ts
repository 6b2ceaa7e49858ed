import { inviteMember, type InviteResult } from '../../control-plane/members/invitations.ts';
import type { SessionContext } from '../context.ts';
import type { InviteInput } from './invite.schema.ts';

export function inviteHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: InviteInput;
}): Promise<InviteResult> {
  return inviteMember(ctx.controlPlane.prisma, ctx.actor, input, ctx.controlPlane.now());
}
