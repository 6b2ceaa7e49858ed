import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';

/** What the server does with the next health request. */
export type HealthAnswer =
  | { kind: 'json'; status: number; body: unknown }
  /** Holds the request until release() is called: lets a test look at the page mid-check. */
  | { kind: 'held'; status: number; body: unknown }
  /** Never answers: the console's own timeout must end the check. */
  | { kind: 'silent' };

export interface ApiHealthServer {
  answer(next: HealthAnswer): void;
  /** Sends the response of every request held by a `held` answer. */
  release(): void;
  /** Resolves once a request has arrived (already-arrived ones count). */
  nextRequest(): Promise<IncomingMessage>;
  readonly paths: readonly string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server standing in for the api process's /healthz on a port the console was told
 * about. The console talks to it over TCP exactly as it would to the api.
 */
export async function startApiHealthServer(port: number): Promise<ApiHealthServer> {
  let current: HealthAnswer = { kind: 'json', status: 200, body: { status: 'ok' } };
  const held: (() => void)[] = [];
  const paths: string[] = [];
  const arrived: IncomingMessage[] = [];
  const waiting: ((request: IncomingMessage) => void)[] = [];

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const waiter = waiting.shift();
    if (waiter) waiter(request);
    else arrived.push(request);

    const answer = current;
    if (answer.kind === 'json') send(response, answer.status, answer.body);
    else if (answer.kind === 'held') held.push(() => send(response, answer.status, answer.body));
    // 'silent': leave the socket open; close() below destroys it.
  });

  server.listen(port, '127.0.0.1');
  await once(server, 'listening');

  return {
    answer(next) {
      current = next;
    },
    release() {
      for (const respond of held.splice(0)) respond();
    },
    nextRequest() {
      const request = arrived.shift();
      if (request) return Promise.resolve(request);
      return new Promise((resolve) => waiting.push(resolve));
    },
    paths,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
