import { createTRPCClient, httpLink } from '@trpc/client';
import { headers } from 'next/headers';
import { readApiUrl } from '../console-env.ts';
import { describeCallError } from './call-error.ts';
import type { AppRouter, Session } from './router-types.ts';

/** A tRPC client for server components: straight to the api, as the signed-in browser. */
export async function createServerClient() {
  const cookie = (await headers()).get('cookie');
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${readApiUrl()}/trpc`, headers: cookie === null ? {} : { cookie } })],
  });
}

/** Node's fetch hides the socket error (ECONNREFUSED, …) a few `cause`s deep; that is the useful part. */
function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return message;
}

export type SessionLookup =
  { kind: 'signed-in'; session: Session } | { kind: 'signed-out' } | { kind: 'unavailable'; message: string };

/**
 * Who is signed in, asked of the api with the request's cookies. An api that cannot answer is its
 * own outcome: sending the user to the log-in page then would only hide the real problem.
 */
export async function lookUpSession(): Promise<SessionLookup> {
  try {
    const session = await (await createServerClient()).auth.session.query();
    return session === null ? { kind: 'signed-out' } : { kind: 'signed-in', session };
  } catch (error) {
    const described = describeCallError(error);
    if (described.code === 'UNAUTHORIZED') return { kind: 'signed-out' };
    if (described.code !== undefined) return { kind: 'unavailable', message: described.message };
    return { kind: 'unavailable', message: `${readApiUrl()} did not answer: ${innermostMessage(error)}` };
  }
}
