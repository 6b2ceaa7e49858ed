// The console's own liveness: answers as long as the Next.js server is serving requests. It does
// not check the api (the landing page shows that), so a down api never restarts the console.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
