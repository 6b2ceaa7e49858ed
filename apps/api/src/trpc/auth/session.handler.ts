import { describeSession, type SessionView } from '../../control-plane/auth/session-view.ts';
import type { TrpcContext } from '../context.ts';

export async function sessionHandler({ ctx }: { ctx: TrpcContext }): Promise<SessionView | null> {
  return ctx.session ? describeSession(ctx.controlPlane.prisma, ctx.session) : null;
}
