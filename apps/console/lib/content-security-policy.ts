/**
 * The console's Content-Security-Policy. Next.js streams inline <script> tags for hydration, so a
 * static `script-src 'self'` would break the page and `'unsafe-inline'` would defeat the policy:
 * instead each request gets a fresh nonce, which Next.js reads back from the request's CSP header
 * and stamps on its own scripts.
 */
export function buildContentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates strings (stack reconstruction); production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    // The dev overlay injects <style> tags without a nonce; production styles are files.
    `style-src 'self' ${isDevelopment ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** 128 random bits, base64: unguessable per request, and a valid CSP nonce-source. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
