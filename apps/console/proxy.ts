import { NextResponse, type NextRequest } from 'next/server';
import { buildContentSecurityPolicy, createNonce } from './lib/content-security-policy.ts';
import { pathHeader } from './lib/path-header.ts';

/**
 * Gives every page request its own CSP nonce. The policy goes on the request (Next.js reads the
 * nonce from there while rendering) and on the response (the browser enforces it).
 */
export function proxy(request: NextRequest): NextResponse {
  const policy = buildContentSecurityPolicy(createNonce(), process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  // Layouts are not told the URL; the signed-in layout needs it for /login?next=<this page>.
  requestHeaders.set(pathHeader, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages only: static assets, the JSON health route and router prefetches need no nonce.
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
