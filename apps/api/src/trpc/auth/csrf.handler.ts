import { newSecretToken } from '../../control-plane/auth/sessions.ts';
import { setCsrfCookie, type TrpcContext } from '../context.ts';

/**
 * The token to send as x-csrf-token: the session's when signed in, else the pre-sign-in kairos_csrf
 * cookie (set now if the browser has none).
 */
export function csrfHandler({ ctx }: { ctx: TrpcContext }): { csrfToken: string } {
  if (ctx.session) return { csrfToken: ctx.session.csrfToken };
  if (ctx.csrfCookie !== null && /^[A-Za-z0-9_-]{16,200}$/.test(ctx.csrfCookie))
    return { csrfToken: ctx.csrfCookie };
  const csrfToken = newSecretToken();
  setCsrfCookie(ctx, csrfToken);
  return { csrfToken };
}
