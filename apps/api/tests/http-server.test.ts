import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServerHandle } from '../src/http/http-server.ts';

describe('api HTTP server', () => {
  let databaseHealthy = true;
  let server: HttpServerHandle;

  beforeAll(async () => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      describe: () => ({ mode: 'embedded', grpc: '127.0.0.1:7233' }),
      checks: [
        {
          name: 'database',
          check: async () => {
            if (!databaseHealthy) throw new Error('connection refused');
          },
        },
      ],
    });
  });
  afterAll(() => server.close());

  it('GET /healthz reports ok with every check', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      status: 'ok',
      mode: 'embedded',
      grpc: '127.0.0.1:7233',
      checks: { database: { status: 'ok' } },
    });
  });

  it('answers 503 naming the failing dependency', async () => {
    databaseHealthy = false;
    const response = await fetch(`${server.url}/healthz`);
    databaseHealthy = true;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'failing', error: 'connection refused' } },
    });
  });

  it('answers 404 with the known route for unknown paths, including oversized ones', async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no route for /nope; try GET /healthz' });
    const huge = await fetch(`${server.url}/${'a'.repeat(20_000)}`);
    expect([404, 414, 431]).toContain(huge.status);
  });

  it('answers 405 for other methods', async () => {
    const response = await fetch(`${server.url}/healthz`, { method: 'POST', body: '{' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
