import { signUp } from '../../control-plane/accounts/sign-up.ts';
import { setSessionCookies, type TrpcContext } from '../context.ts';
import type { SignUpInput } from './sign-up.schema.ts';

export async function signUpHandler({ ctx, input }: { ctx: TrpcContext; input: SignUpInput }) {
  const { controlPlane } = ctx;
  controlPlane.throttle.consumeSignUp(ctx.clientIp);
  const signedIn = await signUp(controlPlane.prisma, controlPlane.sessions, input, controlPlane.now());
  setSessionCookies(ctx, signedIn.session);
  return { user: signedIn.user, account: signedIn.account };
}
