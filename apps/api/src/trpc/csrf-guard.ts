import { timingSafeEqual } from 'node:crypto';
import { PermissionDenied } from '@kairos/errors';
import type { TrpcContext } from './context.ts';

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every mutation must prove it comes from the console, not from a page on another site riding the
 * user's cookies:
 * - an Origin header, when present, must be the console's (browsers send it on cross-site POSTs);
 * - the x-csrf-token header must equal the session's CSRF token (a value another site cannot read);
 *   before sign-in, it must be non-empty and equal the kairos_csrf cookie when there is one.
 */
export function assertMutationAllowed(context: TrpcContext): void {
  if (context.origin !== null && context.origin !== context.settings.consoleOrigin)
    throw new PermissionDenied('cross-origin request refused');
  const header = context.csrfHeader ?? '';
  const missing = () =>
    new PermissionDenied('missing or wrong x-csrf-token header; read it from the kairos_csrf cookie');
  if (header.length === 0) throw missing();
  if (context.session) {
    if (!sameSecret(header, context.session.csrfToken)) throw missing();
    return;
  }
  if (context.csrfCookie !== null && !sameSecret(header, context.csrfCookie)) throw missing();
}
