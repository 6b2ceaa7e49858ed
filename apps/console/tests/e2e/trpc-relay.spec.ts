import { test, expect } from './fixtures.ts';
import { consoleUrl } from './e2e-env.ts';

/** What the tRPC client reads from an error body. */
type ErrorBody = { error: { message: string; data: { code: string; httpStatus: number } } };

test('queries reach the api through the console, and its cookies come back', async ({ request }) => {
  const response = await request.get('/api/trpc/auth.csrf');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  const cookie = response.headers()['set-cookie'] ?? '';
  const body = (await response.json()) as { result: { data: { csrfToken: string } } };
  expect(body.result.data.csrfToken.length).toBeGreaterThan(20);
  expect(cookie).toContain(`kairos_csrf=${body.result.data.csrfToken}`);
  expect(cookie).toContain('SameSite=Strict');
});

test('a mutation without the CSRF header is refused by the api, and the refusal relayed', async ({
  request,
}) => {
  const response = await request.post('/api/trpc/auth.logOut', {
    headers: { 'content-type': 'application/json', origin: consoleUrl },
    data: {},
  });
  expect(response.status()).toBe(403);
  const body = (await response.json()) as ErrorBody;
  expect(body.error.data.code).toBe('FORBIDDEN');
  expect(body.error.message).toContain('x-csrf-token');
});

test('the Origin header is relayed, so another site cannot post through the console', async ({ request }) => {
  const response = await request.post('/api/trpc/auth.logIn', {
    headers: {
      'content-type': 'application/json',
      origin: 'https://evil.example',
      'x-csrf-token': 'token',
      cookie: 'kairos_csrf=token',
    },
    data: { email: 'someone@example.com', password: 'whatever-it-is' },
  });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as ErrorBody).error.message).toBe('cross-origin request refused');
});

test('only procedure names are relayed: nothing climbs out of the api’s /trpc', async ({ request }) => {
  const response = await request.get('/api/trpc/auth.csrf%2F..%2F..%2Fhealthz');
  expect(response.status()).toBe(404);
  // The console's own refusal, not the api's "No procedure found".
  expect(((await response.json()) as ErrorBody).error.message).toBe(
    'no procedure at "auth.csrf%2F..%2F..%2Fhealthz"',
  );
});

test('an oversized body is refused by the console with 413, before the api sees it', async ({ request }) => {
  const response = await request.post('/api/trpc/auth.logIn', {
    headers: { 'content-type': 'application/json', origin: consoleUrl },
    data: JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(70 * 1024) }),
  });
  expect(response.status()).toBe(413);
  const body = (await response.json()) as ErrorBody;
  expect(body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
  expect(body.error.message).toBe('request body over 65536 bytes');
});
