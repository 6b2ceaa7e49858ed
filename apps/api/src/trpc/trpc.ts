import { initTRPC } from '@trpc/server';
import { Unauthenticated } from '@kairos/errors';
import { RateLimited } from '../control-plane/auth/auth-throttle.ts';
import { requireRole, type Role } from '../control-plane/roles.ts';
import type { TrpcContext } from './context.ts';
import { assertMutationAllowed } from './csrf-guard.ts';
import { formatError } from './error-formatter.ts';
import { toTrpcError } from './to-trpc-error.ts';

// No transformer: plain JSON, so outputs carry dates as ISO strings and the console's types are exact.
// isDev false: stacks never reach the browser, whatever NODE_ENV says.
const t = initTRPC.context<TrpcContext>().create({ errorFormatter: formatError, isDev: false });

export const router = t.router;

/**
 * Every procedure: mutations pass the CSRF/origin check first; failures leave as tRPC errors through
 * the one mapper (to-trpc-error.ts), with Retry-After on rate-limit refusals.
 */
const edge = t.middleware(async ({ ctx, type, next }) => {
  if (type === 'mutation') {
    try {
      assertMutationAllowed(ctx);
    } catch (error) {
      throw toTrpcError(error);
    }
  }
  const result = await next();
  if (result.ok) return result;
  const error = toTrpcError(result.error);
  if (error.cause instanceof RateLimited)
    ctx.responseHeaders.set('retry-after', String(error.cause.retryAfterSeconds));
  throw error;
});

export const publicProcedure = t.procedure.use(edge);

/** Signed in: `ctx.session` and `ctx.actor` (the user acting in the session's account) are set. */
export const sessionProcedure = publicProcedure.use(({ ctx, next }) => {
  // Domain errors thrown here reach the edge middleware above as failed results and are mapped there.
  if (!ctx.session) throw new Unauthenticated('sign in first');
  const { session } = ctx;
  const actor = {
    userId: session.user.id,
    email: session.user.email,
    accountId: session.account.id,
    role: session.role,
  };
  return next({ ctx: { session, actor } });
});

/** Signed in with at least `minimum` in the session's account (FORBIDDEN otherwise). */
export function roleProcedure(minimum: Role) {
  return sessionProcedure.use(({ ctx, path, next }) => {
    requireRole(ctx.actor.role, minimum, path);
    return next();
  });
}

export const developerProcedure = roleProcedure('developer');
export const adminProcedure = roleProcedure('admin');
