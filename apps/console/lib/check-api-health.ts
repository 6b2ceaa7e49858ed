import { z } from 'zod';

/**
 * How long the landing page waits for the api before calling it unreachable. Longer than the api's
 * own 3 s limit per dependency check, so a slow dependency shows as "unhealthy" with its name.
 */
export const apiHealthTimeoutMs = 5000;

/** The api's /healthz body. Only `status` is required; other fields are shown when present. */
const healthBody = z.looseObject({
  status: z.string(),
  grpc: z.string().optional(),
  checks: z
    .record(z.string(), z.looseObject({ status: z.string(), error: z.string().optional() }))
    .optional(),
});

/** "database: connection refused; …" for each dependency the api reports as not ok. */
function describeFailingChecks(checks: z.output<typeof healthBody>['checks']): string {
  const failing = Object.entries(checks ?? {}).filter(([, check]) => check.status !== 'ok');
  return failing.map(([name, check]) => `${name}: ${check.error ?? check.status}`).join('; ');
}

export type ApiHealth =
  | { state: 'reachable'; url: string; latencyMs: number; grpc: string | undefined }
  | { state: 'unhealthy'; url: string; latencyMs: number; reason: string }
  | { state: 'unreachable'; url: string; reason: string };

/** Node's fetch hides the socket error (ECONNREFUSED, ENOTFOUND, …) in `cause`; surface it. */
function describeFetchFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${apiHealthTimeoutMs} ms`;
  }
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}

/**
 * Asks the api process whether it is up. Never throws: every failure becomes a state the status
 * panel can show, because the landing page must render while the api is down.
 */
export async function checkApiHealth(url: string): Promise<ApiHealth> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(apiHealthTimeoutMs),
    });
  } catch (error) {
    return { state: 'unreachable', url, reason: describeFetchFailure(error) };
  }
  const latencyMs = Math.round(performance.now() - started);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { state: 'unhealthy', url, latencyMs, reason: `HTTP ${response.status}, body is not JSON` };
  }
  const parsed = healthBody.safeParse(body);
  if (!parsed.success) {
    return { state: 'unhealthy', url, latencyMs, reason: `HTTP ${response.status}, body has no "status"` };
  }
  if (!response.ok || parsed.data.status !== 'ok') {
    const failing = describeFailingChecks(parsed.data.checks);
    const summary = `HTTP ${response.status}, status "${parsed.data.status}"`;
    return { state: 'unhealthy', url, latencyMs, reason: failing ? `${summary}: ${failing}` : summary };
  }
  return { state: 'reachable', url, latencyMs, grpc: parsed.data.grpc };
}
