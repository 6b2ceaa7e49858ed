import http from 'node:http';
import { Internal, InvalidArgument, Unavailable } from '@kairos/errors';
import { domainErrorFromWire } from './wire-error.ts';
import { DEFAULT_MAX_BODY_BYTES, RPC_CONTENT_TYPE, decodeEnvelope, encodeArgs, methodPath } from './wire.ts';

export interface CallOptions {
  /** Aborting closes the HTTP request, which aborts the handler's signal on the server. */
  signal?: AbortSignal;
  /** Gives up after this long with Unavailable (and closes the request, aborting the handler). */
  timeoutMs?: number;
}

export interface InternalRpcClient {
  readonly baseUrl: string;
  /**
   * Calls `method` on the server with `args` (structured-cloned; see wire.ts for what survives).
   * Resolves with the handler's result; rejects with the DomainError subclass the handler threw,
   * Unavailable when the server cannot be reached or drops the connection, Internal for a method the
   * server does not serve, and the signal's reason when the caller aborts.
   */
  call<T>(method: string, args: unknown[], options?: CallOptions): Promise<T>;
  /** Closes pooled connections; later calls open new ones. */
  close(): void;
}

export interface InternalRpcClientOptions {
  /**
   * How long an idle pooled connection is kept. Must stay below the server's keep-alive timeout
   * (65 s, serve-internal-rpc.ts) so the server never closes a socket the client is about to reuse.
   */
  idleSocketTimeoutMs?: number;
  maxBodyBytes?: number;
}

export function createInternalRpcClient(
  baseUrl: string,
  options: InternalRpcClientOptions = {},
): InternalRpcClient {
  const base = baseUrl.replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Keep-alive: most internal calls take milliseconds; a TCP handshake each would dominate them.
  const agent = new http.Agent({ keepAlive: true, timeout: options.idleSocketTimeoutMs ?? 30_000 });

  function send<T>(
    method: string,
    body: Buffer,
    callOptions: CallOptions,
    firstAttempt: boolean,
  ): Promise<T> {
    const { signal, timeoutMs } = callOptions;
    return new Promise<T>((resolve, reject) => {
      const request = http.request(`${base}${methodPath(method)}`, {
        method: 'POST',
        agent,
        headers: { 'content-type': RPC_CONTENT_TYPE, 'content-length': body.length },
      });
      let settled = false;
      let answered = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = () => {
        settle(() => reject(signal?.reason));
        request.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          settle(() =>
            reject(
              new Unavailable(`internal rpc ${method} to ${base} did not answer within ${timeoutMs} ms`),
            ),
          );
          request.destroy();
        }, timeoutMs);
      }

      request.on('error', (error: NodeJS.ErrnoException) => {
        // A pooled socket the server closed just as we wrote to it: the call never reached a handler,
        // so it is safe to send once more on a fresh connection (Node's documented pattern).
        if (firstAttempt && !answered && request.reusedSocket && error.code === 'ECONNRESET') {
          settle(() => resolve(send<T>(method, body, callOptions, false)));
          return;
        }
        settle(() => reject(unreachable(method, base, error)));
      });
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) =>
          settle(() => reject(unreachable(method, base, error))),
        );
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          settle(() => {
            try {
              resolve(answer<T>(method, base, status, Buffer.concat(chunks)));
            } catch (error) {
              reject(error);
            }
          });
        });
      });
      request.end(body);
    });
  }

  return {
    baseUrl: base,
    async call<T>(method: string, args: unknown[], callOptions: CallOptions = {}): Promise<T> {
      callOptions.signal?.throwIfAborted();
      let body: Buffer;
      try {
        body = encodeArgs(args);
      } catch (error) {
        throw new Internal(`internal rpc ${method}: the arguments cannot be serialised`, { cause: error });
      }
      if (body.length > maxBodyBytes) {
        throw new InvalidArgument(
          `internal rpc ${method}: the request (${body.length} bytes) exceeds ${maxBodyBytes} bytes`,
        );
      }
      return send<T>(method, body, callOptions, true);
    },
    close() {
      agent.destroy();
    },
  };
}

function answer<T>(method: string, base: string, status: number, body: Buffer): T {
  if (status === 404) throw new Internal(`internal rpc method ${method} is not served by ${base}`);
  const envelope = decodeEnvelope(body);
  if (envelope === undefined) {
    throw new Internal(`internal rpc ${method} to ${base} answered HTTP ${status} without a readable result`);
  }
  if ('error' in envelope) throw domainErrorFromWire(envelope.error);
  return envelope.ok as T;
}

/** Any transport failure (refused, reset, unreachable, dropped mid-answer): the peer is not there for us. */
function unreachable(method: string, base: string, error: NodeJS.ErrnoException): Unavailable {
  return new Unavailable(`internal rpc ${method} to ${base} failed: ${error.code ?? error.message}`, {
    cause: error,
  });
}
