import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';

describe('the api HTTP server with /trpc mounted', () => {
  let server: ControlPlaneUnderTest;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('http-edge');
  });
  afterAll(() => server?.stop());

  it('still answers /healthz and 404 for unknown routes (including a bare /trpc)', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'ok' }, visibility: { status: 'ok' } },
    });
    for (const path of ['/nope', '/trpc', '/trpcx/auth.csrf']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: `no route for ${path}; try GET /healthz` });
    }
  });

  it('serves a query as plain JSON (no transformer)', async () => {
    const response = await fetch(`${server.url}/trpc/auth.session`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ result: { data: null } });
  });

  it('answers 413 with a JSON error for bodies over 64 KiB, declared or streamed', async () => {
    const big = JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(70_000), accountName: 'a' });
    const declared = await fetch(`${server.url}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'token' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'request body exceeds 65536 bytes' });

    const chunks = [
      new TextEncoder().encode(big.slice(0, 40_000)),
      new TextEncoder().encode(big.slice(40_000)),
    ];
    const streamed = await fetch(`${server.url}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'token' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // The server is still fine afterwards.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('accepts a body just under the limit', async () => {
    const client = server.client();
    const answer = await client.mutation('auth.logIn', {
      email: 'a@example.test',
      password: 'p'.repeat(200),
      padding: 'x'.repeat(60_000),
    });
    expect(answer.status).toBe(400); // refused by the schema (unknown key), not by size
    expect(answer.error?.data.fieldErrors).toHaveProperty('input');
  });

  it('takes the client address from x-forwarded-for only because the peer is loopback', async () => {
    // Two clients behind the loopback proxy get separate log-in limits (their forwarded addresses differ).
    const first = server.client();
    const second = server.client();
    for (let attempt = 0; attempt < 5; attempt += 1)
      await first.mutation('auth.logIn', { email: 'shared@example.test', password: 'wrong' });
    expect(
      (await first.mutation('auth.logIn', { email: 'shared@example.test', password: 'wrong' })).status,
    ).toBe(429);
    expect(
      (await second.mutation('auth.logIn', { email: 'shared@example.test', password: 'wrong' })).status,
    ).toBe(401);
  });
});
