/** The console's cookies (names fixed by the control-plane contract). */
export const SESSION_COOKIE = 'kairos_session';
export const CSRF_COOKIE = 'kairos_csrf';

/** Cookie header → name/value map; malformed pairs are skipped, the first of duplicate names wins. */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    const name = pair.slice(0, Math.max(separator, 0)).trim();
    if (separator < 0 || name.length === 0 || cookies.has(name)) continue;
    const raw = pair.slice(separator + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      // Not percent-encoded properly: not one of ours.
    }
  }
  return cookies;
}

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'Lax' | 'Strict';
  secure: boolean;
  /** Seconds; omitted = until the browser closes; 0 = delete now. */
  maxAge?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    options.maxAge === undefined ? undefined : `Max-Age=${options.maxAge}`,
    options.httpOnly ? 'HttpOnly' : undefined,
    `SameSite=${options.sameSite}`,
    options.secure ? 'Secure' : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('; ');
}
