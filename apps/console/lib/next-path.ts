/** Where a signed-in user lands when the log-in page has no (usable) `next`. */
export const homePath = '/namespaces';

/**
 * The `next` parameter of /login and /signup, accepted only as a path on this site: an absolute
 * URL or a protocol-relative `//host` would turn the log-in page into an open redirect.
 */
export function safeNextPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return homePath;
  }
  return value;
}

export function logInPath(next: string): string {
  return `/login?next=${encodeURIComponent(safeNextPath(next))}`;
}
