/**
 * The console's half of the tRPC contract: the browser talks only to the console's origin, and the
 * route handler app/api/trpc/[trpc] relays each call to the api process's /trpc endpoint. Cookies
 * (the session and the CSRF token) pass through both ways, so the api stays the only place that
 * reads or sets them.
 */

/** Request headers the api needs; everything else (host, connection, …) belongs to this hop. */
const forwardedRequestHeaders = ['cookie', 'content-type', 'accept', 'x-csrf-token', 'origin'] as const;

/** Procedure names, or a comma-separated batch of them: nothing that could climb out of /trpc. */
const procedurePathPattern = /^[A-Za-z0-9_.,-]+$/;

/**
 * The largest request body relayed. The api refuses more than 64 KiB itself (413); the console stops
 * reading at the same size so an oversized upload never sits whole in its memory.
 */
export const maxRelayedBodyBytes = 64 * 1024;

/** How long a relayed call may take before the console gives up and answers 502. */
export const apiCallTimeoutMs = 20_000;

/**
 * The client's address for the api's rate limits. Next.js fills `x-forwarded-for` with the socket
 * address when no proxy set it; behind a proxy the nearest hop's entry (the last one) is the one a
 * client cannot forge.
 */
function clientAddress(request: Request): string | undefined {
  const chain = request.headers.get('x-forwarded-for');
  const nearest = chain?.split(',').at(-1)?.trim();
  return nearest === undefined || nearest === '' ? undefined : nearest;
}

const errorCodes: Record<number, string> = { 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE' };

/** A body the tRPC client reads as a failed call (instead of "unable to parse the response"). */
function trpcErrorResponse(status: number, message: string, path: string): Response {
  return Response.json(
    {
      error: {
        message,
        code: -32603,
        data: { code: errorCodes[status] ?? 'INTERNAL_SERVER_ERROR', httpStatus: status, path },
      },
    },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${apiCallTimeoutMs} ms`;
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}

/** The request body, or undefined when it exceeds `maxRelayedBodyBytes` (read no further than that). */
async function readBoundedBody(request: Request): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxRelayedBodyBytes) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (next === undefined || next.done) break;
    size += next.value.byteLength;
    if (size > maxRelayedBodyBytes) {
      await reader?.cancel();
      return undefined;
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function forwardToApi(request: Request, apiUrl: string): Promise<Response> {
  const incoming = new URL(request.url);
  const procedurePath = incoming.pathname.replace(/^\/api\/trpc\/?/, '');
  if (!procedurePathPattern.test(procedurePath)) {
    return trpcErrorResponse(404, `no procedure at ${JSON.stringify(procedurePath)}`, procedurePath);
  }

  const headers = new Headers();
  for (const name of forwardedRequestHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const address = clientAddress(request);
  if (address !== undefined) headers.set('x-forwarded-for', address);

  let body: Uint8Array<ArrayBuffer> | undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    body = await readBoundedBody(request);
    if (body === undefined) {
      return trpcErrorResponse(413, `request body over ${maxRelayedBodyBytes} bytes`, procedurePath);
    }
  }

  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl}/trpc/${procedurePath}${incoming.search}`, {
      method: request.method,
      headers,
      body,
      cache: 'no-store',
      redirect: 'manual',
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(apiCallTimeoutMs)]),
    });
  } catch (error) {
    return trpcErrorResponse(
      502,
      `the console could not reach the Kairos api: ${describeFailure(error)}`,
      procedurePath,
    );
  }

  const responseHeaders = new Headers({ 'cache-control': 'no-store' });
  const contentType = upstream.headers.get('content-type');
  if (contentType !== null) responseHeaders.set('content-type', contentType);
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  const retryAfter = upstream.headers.get('retry-after');
  if (retryAfter !== null) responseHeaders.set('retry-after', retryAfter);
  return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers: responseHeaders });
}
