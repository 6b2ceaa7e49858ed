/**
 * The CSRF token every tRPC mutation carries in `x-csrf-token`: the api sets it as the readable
 * `kairos_csrf` cookie (with the session, or before sign-up/log-in through `auth.csrf`) and refuses
 * a mutation whose header does not match it. A page on another origin can neither read the cookie
 * nor set the header, which is the whole defence.
 */
export const csrfCookieName = 'kairos_csrf';

export function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : decodeURIComponent(value);
  }
  return undefined;
}

/** Browser only. Asks the api for a pre-session token when the cookie is missing. */
export async function ensureCsrfToken(): Promise<string> {
  const existing = readCookie(document.cookie, csrfCookieName);
  if (existing !== undefined) return existing;
  // A plain fetch, not the tRPC client: the client's own headers() calls this function.
  const response = await fetch('/api/trpc/auth.csrf', { headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => undefined);
  const fromCookie = readCookie(document.cookie, csrfCookieName);
  if (fromCookie !== undefined) return fromCookie;
  const fromBody = (body as { result?: { data?: { csrfToken?: unknown } } } | undefined)?.result?.data
    ?.csrfToken;
  if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
  throw new Error(`could not get a CSRF token from the api (HTTP ${response.status})`);
}
