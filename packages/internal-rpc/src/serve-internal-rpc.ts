import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDomainError, type ErrorCode } from '@kairos/errors';
import type { Logger } from '@kairos/telemetry';
import { domainErrorToWire, type WireError } from './wire-error.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  RPC_CONTENT_TYPE,
  RPC_PATH_PREFIX,
  decodeArgs,
  encodeEnvelope,
  type RpcEnvelope,
} from './wire.ts';

/**
 * One internal method. `args` is what the caller passed to `call` (structured-cloned, see wire.ts);
 * `signal` aborts when the caller goes away (it disconnected, gave up, or this server is closing), so
 * long polls end instead of holding a task for nobody.
 */
export type InternalRpcHandler = (args: unknown[], signal: AbortSignal) => Promise<unknown>;

export interface ServeInternalRpcOptions {
  /** Interface to bind; `0.0.0.0` in a cluster, where peers reach the process by its advertised address. */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  handlers: Record<string, InternalRpcHandler>;
  logger: Logger;
  maxBodyBytes?: number;
}

export interface InternalRpcServer {
  /** Base URL of this server as seen from this host (a wildcard bind is reported as loopback). */
  url: string;
  /** Stops accepting calls, aborts running handlers (long polls answer at once) and waits for them. */
  close(): Promise<void>;
}

/**
 * Kept longer than the client's idle-socket timeout (internal-rpc-client.ts), so it is always the
 * client that retires an idle keep-alive connection; otherwise a call could be written onto a socket
 * the server is closing at that very moment.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function serveInternalRpc(options: ServeInternalRpcOptions): Promise<InternalRpcServer> {
  const { handlers, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const running = new Set<{ controller: AbortController; done: Promise<void> }>();
  let closing = false;

  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    // The response closes once its answer is flushed, or early when the caller's connection is gone.
    const responseClosed = new Promise<void>((resolve) =>
      res.on('close', () => {
        if (!res.writableFinished) controller.abort(new Error('the caller disconnected'));
        resolve();
      }),
    );
    const call = { controller, done: Promise.resolve() };
    call.done = serveRequest(req, res, controller.signal)
      .then(() => responseClosed)
      .finally(() => running.delete(call));
    running.add(call);
  });
  // Long polls hold a request open for a minute or more; only the caller decides when to give up.
  server.requestTimeout = 0;
  server.timeout = 0;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  async function serveRequest(req: http.IncomingMessage, res: http.ServerResponse, signal: AbortSignal) {
    const method = methodOf(req);
    if (method === undefined || !Object.hasOwn(handlers, method)) {
      send(res, 404, failure('UNIMPLEMENTED', `no internal rpc method at ${req.method} ${req.url}`));
      return;
    }
    if (closing) {
      send(res, 503, failure('UNAVAILABLE', 'the internal rpc server is shutting down'));
      return;
    }
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > maxBodyBytes) {
      // Answer without reading the body, then drop the connection rather than drain it.
      res.setHeader('connection', 'close');
      send(res, 413, tooLarge(method, maxBodyBytes));
      return;
    }
    const body = await readBody(req, maxBodyBytes).catch(() => undefined);
    if (body === undefined) return; // the caller went away mid-request
    if (body === 'too-large') {
      send(res, 413, tooLarge(method, maxBodyBytes));
      return;
    }
    const args = decodeArgs(body);
    if (args === undefined) {
      send(
        res,
        400,
        failure('INVALID_ARGUMENT', `internal rpc ${method}: the body is not a serialised argument list`),
      );
      return;
    }
    const handler = handlers[method] as InternalRpcHandler;
    try {
      send(res, 200, { ok: await handler(args, signal) });
    } catch (error) {
      if (isDomainError(error)) {
        send(res, 500, { error: domainErrorToWire(error) });
      } else if (signal.aborted) {
        // The caller went away (nothing is sent then) or this server is closing (the caller may retry).
        logger.debug({ err: error, method }, 'internal rpc handler ended early');
        send(res, 503, failure('UNAVAILABLE', `${method} was cut short: the internal rpc server is closing`));
      } else {
        // A bug: the details stay in our log, the caller learns only that it failed.
        logger.error({ err: error, method }, 'internal rpc handler failed');
        send(res, 500, failure('INTERNAL', `internal error in ${method}`));
      }
    }
  }

  function send(res: http.ServerResponse, status: number, envelope: RpcEnvelope) {
    if (res.destroyed || res.headersSent) return;
    let body: Buffer;
    try {
      body = encodeEnvelope(envelope);
    } catch (error) {
      logger.error({ err: error }, 'internal rpc result cannot be serialised');
      status = 500;
      body = encodeEnvelope(failure('INTERNAL', 'internal error: the result cannot be serialised'));
    }
    // While closing, each answer also ends its connection, so the server can finish closing.
    if (closing) res.setHeader('connection', 'close');
    res.writeHead(status, { 'content-type': RPC_CONTENT_TYPE, 'content-length': body.length });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${advertisedHost(options.host)}:${port}`,
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const call of running) call.controller.abort(new Error('the internal rpc server is closing'));
      await Promise.all([...running].map((call) => call.done));
      server.closeAllConnections();
      await closed;
    },
  };
}

function methodOf(req: http.IncomingMessage): string | undefined {
  const url = req.url ?? '';
  if (req.method !== 'POST' || !url.startsWith(RPC_PATH_PREFIX)) return undefined;
  try {
    return decodeURIComponent(url.slice(RPC_PATH_PREFIX.length));
  } catch {
    return undefined;
  }
}

/** The body, 'too-large' once it passes the limit (the rest is read and dropped), or a rejection on abort. */
function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) chunks.length = 0;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? 'too-large' : Buffer.concat(chunks, size)));
    req.on('error', reject);
    // Without an 'end' first, the caller dropped the connection mid-body.
    req.on('close', () => reject(new Error('the caller disconnected')));
  });
}

function failure(code: ErrorCode, message: string): { error: WireError } {
  return { error: { code, message } };
}

function tooLarge(method: string, maxBytes: number): { error: WireError } {
  return failure('INVALID_ARGUMENT', `internal rpc ${method}: the request body exceeds ${maxBytes} bytes`);
}

function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
