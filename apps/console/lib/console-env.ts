import { z } from 'zod';

/**
 * The environment the console reads at request time (never at build time, so one build serves
 * every deployment). Empty strings count as unset, like @kairos/config does for the services.
 */
const defaults = {
  grpcPublicAddress: '127.0.0.1:7233',
  apiHealthUrl: 'http://127.0.0.1:7243/healthz',
  apiUrl: 'http://127.0.0.1:7243',
} as const;

// Host names, IPv4 and bracketed IPv6 only: the value is pasted into a TypeScript string literal.
const grpcAddress = z
  .string()
  .trim()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port, such as 127.0.0.1:7233');

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'expected an http(s) URL, such as http://127.0.0.1:7243/healthz',
});

export type ApiHealthTarget = { ok: true; url: string } | { ok: false; problem: string };

function unsetIfEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

let warnedAboutGrpcAddress = false;

/**
 * The address SDKs should dial, as shown to users. A bad value falls back to the default (the page
 * must render) and is logged once, so the operator finds out without a log line per request.
 */
export function readGrpcPublicAddress(env: NodeJS.ProcessEnv = process.env): string {
  const raw = unsetIfEmpty(env.KAIROS_GRPC_PUBLIC_ADDRESS);
  if (raw === undefined) return defaults.grpcPublicAddress;
  const parsed = grpcAddress.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (!warnedAboutGrpcAddress) {
    warnedAboutGrpcAddress = true;
    console.warn(
      `KAIROS_GRPC_PUBLIC_ADDRESS is invalid (expected host:port), got ${JSON.stringify(raw)}; ` +
        `showing ${defaults.grpcPublicAddress}`,
    );
  }
  return defaults.grpcPublicAddress;
}

/**
 * Where the api process answers its health check. A malformed value is reported on the status
 * panel instead of thrown: the landing page must render even when the console is misconfigured.
 */
export function readApiHealthTarget(env: NodeJS.ProcessEnv = process.env): ApiHealthTarget {
  const raw = unsetIfEmpty(env.KAIROS_API_HEALTH_URL) ?? defaults.apiHealthUrl;
  const parsed = httpUrl.safeParse(raw);
  if (parsed.success) return { ok: true, url: parsed.data };
  const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
  return { ok: false, problem: `KAIROS_API_HEALTH_URL is invalid (${reasons}), got ${JSON.stringify(raw)}` };
}

let warnedAboutApiUrl = false;

/**
 * Where the api process serves /trpc (KAIROS_API_URL), without a trailing slash. Read per request;
 * a malformed value falls back to the default and is logged once, as for the gRPC address.
 */
export function readApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = unsetIfEmpty(env.KAIROS_API_URL);
  if (raw === undefined) return defaults.apiUrl;
  const parsed = httpUrl.safeParse(raw.trim());
  if (parsed.success) return parsed.data.replace(/\/+$/, '');
  if (!warnedAboutApiUrl) {
    warnedAboutApiUrl = true;
    console.warn(
      `KAIROS_API_URL is invalid (expected an http(s) URL), got ${JSON.stringify(raw)}; using ${defaults.apiUrl}`,
    );
  }
  return defaults.apiUrl;
}
