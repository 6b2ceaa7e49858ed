import { clearSessionCookies, type TrpcContext } from '../context.ts';

/** Ends the session (its row goes, so the cookie is dead even if a copy survives) and clears cookies. */
export async function logOutHandler({ ctx }: { ctx: TrpcContext }): Promise<{ ok: true }> {
  if (ctx.session) await ctx.controlPlane.sessions.delete(ctx.session.id);
  clearSessionCookies(ctx);
  return { ok: true };
}
