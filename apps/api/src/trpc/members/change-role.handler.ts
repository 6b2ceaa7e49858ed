import { changeMemberRole } from '../../control-plane/members/members.ts';
import type { MemberView } from '../../control-plane/members/member-views.ts';
import type { SessionContext } from '../context.ts';
import type { ChangeRoleInput } from './change-role.schema.ts';

export function changeRoleHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: ChangeRoleInput;
}): Promise<MemberView> {
  return changeMemberRole(ctx.controlPlane.prisma, ctx.actor, input);
}
