import { noInput } from '../input-fields.ts';
import { adminProcedure, router, sessionProcedure } from '../trpc.ts';
import { changeRoleHandler } from './change-role.handler.ts';
import { changeRoleInput } from './change-role.schema.ts';
import { inviteHandler } from './invite.handler.ts';
import { inviteInput } from './invite.schema.ts';
import { listHandler } from './list.handler.ts';
import { removeHandler } from './remove.handler.ts';
import { removeInput } from './remove.schema.ts';
import { revokeInvitationHandler } from './revoke-invitation.handler.ts';
import { revokeInvitationInput } from './revoke-invitation.schema.ts';

export const membersRouter = router({
  list: sessionProcedure.input(noInput).query(listHandler),
  invite: adminProcedure.input(inviteInput).mutation(inviteHandler),
  changeRole: adminProcedure.input(changeRoleInput).mutation(changeRoleHandler),
  remove: sessionProcedure.input(removeInput).mutation(removeHandler),
  revokeInvitation: adminProcedure.input(revokeInvitationInput).mutation(revokeInvitationHandler),
});
