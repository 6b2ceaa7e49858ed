import { revokeInvitation } from '../../control-plane/members/invitations.ts';
import type { InvitationView } from '../../control-plane/members/member-views.ts';
import type { SessionContext } from '../context.ts';
import type { RevokeInvitationInput } from './revoke-invitation.schema.ts';

export function revokeInvitationHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: RevokeInvitationInput;
}): Promise<InvitationView> {
  return revokeInvitation(ctx.controlPlane.prisma, ctx.actor, input.id, ctx.controlPlane.now());
}
