import { logIn } from '../../control-plane/auth/log-in.ts';
import { setSessionCookies, type TrpcContext } from '../context.ts';
import type { LogInInput } from './log-in.schema.ts';

export async function logInHandler({ ctx, input }: { ctx: TrpcContext; input: LogInInput }) {
  const { controlPlane } = ctx;
  const signedIn = await logIn(
    controlPlane.prisma,
    controlPlane.sessions,
    controlPlane.throttle,
    { ...input, ip: ctx.clientIp },
    controlPlane.now(),
  );
  setSessionCookies(ctx, signedIn.session);
  return { user: signedIn.user, account: signedIn.account };
}
