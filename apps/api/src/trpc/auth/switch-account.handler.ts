import { describeSession, switchAccount, type SessionView } from '../../control-plane/auth/session-view.ts';
import type { SessionContext } from '../context.ts';
import type { SwitchAccountInput } from './switch-account.schema.ts';

export async function switchAccountHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: SwitchAccountInput;
}): Promise<SessionView> {
  const { prisma, sessions } = ctx.controlPlane;
  const switched = await switchAccount(prisma, sessions, ctx.session, input.accountId);
  return describeSession(prisma, switched);
}
