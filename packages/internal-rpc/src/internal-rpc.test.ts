import http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import { Internal, InvalidArgument, NotFound, Unavailable, namespaceNotFound } from '@kairos/errors';
import { Long, int64ToNumber, msToTimestamp, temporal, timestampToMs } from '@kairos/proto';
import { createLogger } from '@kairos/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { createInternalRpcClient, type InternalRpcClient } from './internal-rpc-client.ts';
import { serveInternalRpc, type InternalRpcHandler, type InternalRpcServer } from './serve-internal-rpc.ts';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ service: 'test', level: 'debug', destination }), lines };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  handlers: Record<string, InternalRpcHandler>,
  options: { maxBodyBytes?: number; idleSocketTimeoutMs?: number } = {},
): Promise<{ server: InternalRpcServer; client: InternalRpcClient; lines: Record<string, unknown>[] }> {
  const { logger, lines } = capturingLogger();
  const server = await serveInternalRpc({ host: '127.0.0.1', port: 0, handlers, logger, ...options });
  const client = createInternalRpcClient(server.url, options);
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, client, lines };
}

/** A promise with its resolve function, to await a condition instead of sleeping. */
function signalled<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** POSTs raw bytes (not through the client) and decodes the envelope the server answers. */
async function rawPost(
  url: string,
  path: string,
  body: Buffer | Buffer[],
  headers: http.OutgoingHttpHeaders = {},
) {
  return new Promise<{ status: number; envelope: unknown }>((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, envelope: v8.deserialize(Buffer.concat(chunks)) }),
      );
    });
    request.on('error', reject);
    for (const part of Array.isArray(body) ? body : [body]) request.write(part);
    request.end();
  });
}

describe('internal rpc', () => {
  it('carries payload-like arguments and results: bytes stay bytes, a Long becomes {low, high, unsigned}', async () => {
    const received: unknown[][] = [];
    const { client } = await start({
      echo: async (args) => {
        received.push(args);
        return { echoed: args };
      },
    });
    const request = temporal.api.workflowservice.v1.StartWorkflowExecutionRequest.create({
      namespace: 'default',
      workflowId: 'order-1',
      input: {
        payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: new Uint8Array([1, 2, 3]) }],
      },
    });
    const args = [
      { id: '7d7f7c1e-5a43-4a0c-9a43-8f6b0d1f7a10', name: 'default' },
      request,
      {
        taskToken: new Uint8Array([9, 8, 7]),
        eventId: Long.fromNumber(2 ** 40 + 5),
        startTime: msToTimestamp(1_700_000_000_123),
        at: new Date(5),
        headers: new Map([['a', 1]]),
        missing: undefined,
      },
    ];

    const result = await client.call<{ echoed: typeof args }>('echo', args);

    const [namespace, sentRequest, extra] = result.echoed as [
      unknown,
      temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
      Record<string, unknown>,
    ];
    expect(namespace).toEqual(args[0]);
    // A protobufjs message arrives as a plain object of the fields that were set.
    expect(Object.getPrototypeOf(sentRequest)).toBe(Object.prototype);
    expect(sentRequest.workflowId).toBe('order-1');
    const payload = sentRequest.input?.payloads?.[0];
    expect(payload?.data).toBeInstanceOf(Uint8Array);
    expect([...(payload?.data ?? [])]).toEqual([1, 2, 3]);
    expect(Buffer.from(payload?.metadata?.encoding ?? []).toString()).toBe('json/plain');
    expect(extra.taskToken).toEqual(new Uint8Array([9, 8, 7]));
    // Long loses its prototype: only the converters read it.
    expect(extra.eventId).toEqual({ low: 5, high: 256, unsigned: false });
    expect(extra.eventId).not.toBeInstanceOf(Long);
    expect(int64ToNumber(extra.eventId as { low: number; high: number })).toBe(2 ** 40 + 5);
    expect(timestampToMs(extra.startTime as { seconds: { low: number; high: number }; nanos: number })).toBe(
      1_700_000_000_123,
    );
    expect(extra.at).toEqual(new Date(5));
    expect(extra.headers).toEqual(new Map([['a', 1]]));
    expect(Object.hasOwn(extra, 'missing')).toBe(true);
    expect(received).toHaveLength(1);
  });

  it('keeps a call running past the idle-socket timeout, and calls again after an idle socket retired', async () => {
    const { client } = await start(
      {
        quick: async () => 'now',
        slow: () => new Promise((resolve) => setTimeout(() => resolve('later'), 300)),
      },
      { idleSocketTimeoutMs: 100 },
    );
    expect(await client.call('quick', [])).toBe('now');
    expect(await client.call('slow', [])).toBe('later');
    await new Promise((resolve) => setTimeout(resolve, 150)); // let the pooled socket idle out
    expect(await client.call('quick', [])).toBe('now');
  });

  it('rethrows a domain error as the same class with its message, detail and field', async () => {
    const { client } = await start({
      missing: async () => {
        throw namespaceNotFound('orders');
      },
      bad: async () => {
        throw InvalidArgument.forField('request.workflowId', 'must not be empty');
      },
      gone: async () => {
        throw new Unavailable('shard 3 is not owned by this process');
      },
    });

    const missing = await client.call('missing', []).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFound);
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Namespace orders is not found.',
      detail: { type: 'NamespaceNotFound', namespace: 'orders' },
    });
    const bad = await client.call('bad', []).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(InvalidArgument);
    expect(bad).toMatchObject({
      field: 'request.workflowId',
      message: 'request.workflowId: must not be empty',
    });
    await expect(client.call('gone', [])).rejects.toBeInstanceOf(Unavailable);
  });

  it('hides any other error behind a generic Internal and logs the real one on the server', async () => {
    const { client, lines } = await start({
      broken: async () => {
        throw new Error('relation "secret_table" does not exist');
      },
    });

    const error = await client.call('broken', [1]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Internal);
    expect((error as Error).message).toBe('internal error in broken');
    expect(JSON.stringify(error)).not.toContain('secret_table');
    const logged = lines.find((line) => line.msg === 'internal rpc handler failed');
    expect(logged).toMatchObject({ level: 'error', method: 'broken' });
    expect(JSON.stringify(logged)).toContain('secret_table');
  });

  it('answers a method the server does not serve with Internal', async () => {
    const { client } = await start({ known: async () => 1 });
    const error = await client.call('unknownMethod', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Internal);
    expect((error as Error).message).toMatch(/unknownMethod is not served by http:\/\/127\.0\.0\.1:\d+/);
    // Names on Object.prototype are not methods either.
    await expect(client.call('constructor', [])).rejects.toBeInstanceOf(Internal);
  });

  it('aborts the handler when the caller aborts (long polls end on the server too)', async () => {
    const entered = signalled();
    const aborted = signalled<unknown>();
    const { client } = await start({
      poll: (_args, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted.resolve(signal.reason);
            reject(signal.reason);
          });
          entered.resolve();
        }),
    });
    const controller = new AbortController();

    const call = client.call('poll', [], { signal: controller.signal });
    await entered.promise;
    controller.abort(new Error('the worker went away'));

    await expect(call).rejects.toThrow('the worker went away');
    expect(await aborted.promise).toBeInstanceOf(Error);
    // The client stays usable after a destroyed request.
    await expect(client.call('poll', [], { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('gives up after timeoutMs with Unavailable and aborts the handler', async () => {
    const aborted = signalled();
    const { client } = await start({
      stuck: (_args, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted.resolve();
            reject(signal.reason);
          });
        }),
    });

    const error = await client.call('stuck', [], { timeoutMs: 50 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toMatch(
      /stuck to http:\/\/127\.0\.0\.1:\d+ did not answer within 50 ms/,
    );
    await aborted.promise;
  });

  it('reports a refused connection as Unavailable naming the target', async () => {
    const port = await closedPort();
    const client = createInternalRpcClient(`http://127.0.0.1:${port}`);
    cleanups.push(() => client.close());

    const error = await client.call('anything', []).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toBe(
      `internal rpc anything to http://127.0.0.1:${port} failed: ECONNREFUSED`,
    );
  });

  it('reports a peer that drops the connection mid-call as Unavailable', async () => {
    // A peer that reads the request and dies before answering, as a crashed process does.
    const crashing = net.createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => crashing.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => crashing.close(resolve)));
    const { port } = crashing.address() as net.AddressInfo;
    const client = createInternalRpcClient(`http://127.0.0.1:${port}`);
    cleanups.push(() => client.close());

    const error = await client.call('hang', []).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toContain(`internal rpc hang to http://127.0.0.1:${port} failed`);
  });

  it('sends a call again on a fresh connection when a pooled one turns out closed', async () => {
    // The second request arrives on the kept-alive socket, which the peer drops unanswered — what a
    // client sees when the server retires an idle connection just as the call is written.
    let requests = 0;
    const peer = http.createServer((req, res) => {
      requests += 1;
      if (requests === 2) {
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () => res.end(v8.serialize({ ok: requests })));
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => peer.close(resolve)));
    const client = createInternalRpcClient(`http://127.0.0.1:${(peer.address() as net.AddressInfo).port}`);
    cleanups.push(() => client.close());

    expect(await client.call('count', [])).toBe(1);
    expect(await client.call('count', [])).toBe(3);
    expect(requests).toBe(3);
  });

  it('ends running handlers when the server closes, and refuses calls afterwards', async () => {
    const entered = { poll: signalled(), wait: signalled() };
    const { server, client } = await start({
      // Answers empty when cut short, as a long poll does.
      poll: (_args, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => resolve({ empty: true }));
          entered.poll.resolve();
        }),
      // Fails with the abort reason, as most awaits on a signal do.
      wait: (_args, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
          entered.wait.resolve();
        }),
    });
    const poll = client.call('poll', []);
    const wait = client.call('wait', []).catch((caught: unknown) => caught);
    await Promise.all([entered.poll.promise, entered.wait.promise]);
    await server.close();

    expect(await poll).toEqual({ empty: true });
    const cutShort = await wait;
    expect(cutShort).toBeInstanceOf(Unavailable);
    expect((cutShort as Error).message).toBe('wait was cut short: the internal rpc server is closing');
    await expect(client.call('poll', [])).rejects.toBeInstanceOf(Unavailable);
  });

  it('refuses an oversized request: declared, streamed, or caught by the client before sending', async () => {
    const { server, client } = await start({ take: async (args) => args.length }, { maxBodyBytes: 1024 });
    const big = Buffer.alloc(4096, 1);

    const declared = await rawPost(server.url, '/rpc/take', v8.serialize([big]));
    expect(declared.status).toBe(413);
    expect(declared.envelope).toEqual({
      error: { code: 'INVALID_ARGUMENT', message: 'internal rpc take: the request body exceeds 1024 bytes' },
    });

    const chunked = v8.serialize([big]);
    const streamed = await rawPost(
      server.url,
      '/rpc/take',
      [chunked.subarray(0, 600), chunked.subarray(600)],
      {
        'transfer-encoding': 'chunked',
      },
    );
    expect(streamed.status).toBe(413);
    expect(streamed.envelope).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });

    await expect(client.call('take', [big])).rejects.toThrow(
      /internal rpc take: the request \(\d+ bytes\) exceeds 1024 bytes/,
    );
    expect(await client.call('take', ['small', 2])).toBe(2);
  });

  it('answers INVALID_ARGUMENT to a body that is not a serialised argument list', async () => {
    const calls: unknown[] = [];
    const { server } = await start({ take: async (args) => calls.push(args) });

    const garbage = await rawPost(server.url, '/rpc/take', Buffer.from('{"not":"v8"}'));
    expect(garbage.status).toBe(400);
    expect(garbage.envelope).toEqual({
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'internal rpc take: the body is not a serialised argument list',
      },
    });
    const notAList = await rawPost(server.url, '/rpc/take', v8.serialize({ a: 1 }));
    expect(notAList.status).toBe(400);
    expect(calls).toEqual([]);
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
