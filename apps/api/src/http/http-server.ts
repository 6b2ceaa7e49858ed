import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientIpOf } from './client-ip.ts';
import { BodyTooLarge, readBody, sendFetchResponse, toFetchRequest } from './fetch-bridge.ts';

/** Answers /trpc requests (see src/trpc/trpc-handler.ts); kept as a function type so this file stays HTTP-only. */
export type TrpcHttpHandler = (request: Request, clientIp: string) => Promise<Response>;

/** A named dependency check for /healthz; it resolves when healthy and throws with the reason otherwise. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface HttpServerHandle {
  url: string;
  close(): Promise<void>;
}

interface RouteOptions {
  checks: HealthCheck[];
  describe: () => Record<string, unknown>;
  /** The console's tRPC endpoint under /trpc/<procedure>; absent = /trpc answers 404 like any unknown path. */
  trpc?: TrpcHttpHandler;
}

/**
 * The api process's HTTP side: `GET /healthz` reports every dependency check (200 when all pass,
 * 503 naming the failing one), and `/trpc/*` serves the console (bodies up to 64 KiB, else 413).
 */
export async function startHttpServer(
  options: { host: string; port: number } & RouteOptions,
): Promise<HttpServerHandle> {
  const server = createServer((request, response) => {
    void route(request, response, options).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error', detail: String(error) });
    });
  });
  // Requests must not hang a slow-loris connection open forever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot listen for HTTP on ${options.host}:${options.port}: ${error.message}`)),
    );
    server.listen(options.port, options.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: RouteOptions,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (options.trpc && path.startsWith('/trpc/')) {
    await serveTrpc(request, response, options.trpc);
    return;
  }
  if (path !== '/healthz') {
    sendJson(response, 404, { error: `no route for ${path}; try GET /healthz` });
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    sendJson(response, 405, { error: `method ${request.method} not allowed on /healthz; use GET` });
    return;
  }
  const results = await Promise.all(
    options.checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), 3_000, `${name} check timed out after 3 s`);
        return [name, { status: 'ok' }] as const;
      } catch (error) {
        return [
          name,
          { status: 'failing', error: error instanceof Error ? error.message : String(error) },
        ] as const;
      }
    }),
  );
  const healthy = results.every(([, result]) => result.status === 'ok');
  sendJson(response, healthy ? 200 : 503, {
    status: healthy ? 'ok' : 'degraded',
    ...options.describe(),
    checks: Object.fromEntries(results),
  });
}

async function serveTrpc(
  request: IncomingMessage,
  response: ServerResponse,
  trpc: TrpcHttpHandler,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    // The connection closes after this answer instead of reading on.
    response.setHeader('connection', 'close');
    sendJson(response, 413, { error: error.message });
    return;
  }
  const clientIp = clientIpOf(request.socket.remoteAddress, request.headers['x-forwarded-for']);
  // The URL's host only matters to tRPC for parsing the path and query.
  const fetchRequest = toFetchRequest(request, body, 'http://api.invalid');
  await sendFetchResponse(await trpc(fetchRequest, clientIp), response);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
