import type { Metadata } from '@grpc/grpc-js';
import { ResourceExhausted, Unauthenticated } from '@kairos/errors';
import { apiKeyMatches, apiKeyPrefixOf } from '../../control-plane/api-keys/api-key-secret.ts';
import { SlidingWindowRateLimiter } from '../../control-plane/auth/rate-limiter.ts';
import type { ApiKeyStore } from './api-key-store.ts';
import type { LastUseRecorder } from './last-use-recorder.ts';
import { isLoopbackPeer, peerIpAddress } from './peer-address.ts';
import { anonymousLoopbackPrincipal, type Principal, type PrincipalRole } from './principal.ts';

export interface AuthenticatorOptions {
  keys: ApiKeyStore;
  lastUse: LastUseRecorder;
  /** KAIROS_ANONYMOUS_LOOPBACK: calls without a key from a loopback peer act as the system account. */
  anonymousLoopback: boolean;
  /**
   * Failed authentications per client address (malformed, unknown, revoked or expired keys). Past the
   * limit the address's keyed calls are refused before any key lookup until the window frees a slot,
   * which bounds guessing and the database load it causes. Default: 30 a minute, per api process.
   */
  failures?: SlidingWindowRateLimiter;
  now?: () => number;
}

export const AUTH_FAILURES_PER_MINUTE = 30;

/** Header values longer than this are refused before any parsing (keys are 61 characters). */
const MAX_AUTHORIZATION_LENGTH = 1_024;

const refuse = (problem: string) => new Unauthenticated(`Request unauthenticated: ${problem}.`);

/**
 * Who is calling, from the `authorization: Bearer <key>` metadata the SDKs send (their `apiKey`
 * option). Every refusal says what is wrong without repeating the key. A key whose secret matches
 * is then checked for revocation and expiry on every call (the row may come from a cache of at most
 * 500 ms, see CachedApiKeyStore).
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const now = options.now ?? Date.now;
  const failures =
    options.failures ??
    new SlidingWindowRateLimiter({ limit: AUTH_FAILURES_PER_MINUTE, windowMs: 60_000, now });
  return async function authenticate(metadata: Metadata, peer: string): Promise<Principal> {
    const values = metadata.get('authorization');
    if (values.length === 0) {
      if (options.anonymousLoopback && isLoopbackPeer(peer)) return anonymousLoopbackPrincipal;
      throw refuse('send an API key as `authorization: Bearer <key>` metadata');
    }
    const client = peerIpAddress(peer) ?? peer;
    const verdict = failures.check(client);
    if (!verdict.allowed) {
      throw new ResourceExhausted(
        `Too many failed authentications from this address; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s.`,
      );
    }
    try {
      return await principalOfKey(values);
    } catch (error) {
      if (error instanceof Unauthenticated) failures.record(client);
      throw error;
    }
  };

  async function principalOfKey(values: ReturnType<Metadata['get']>): Promise<Principal> {
    if (values.length > 1) throw refuse('send one authorization metadata value, not several');
    const [value] = values;
    if (typeof value !== 'string' || value.length > MAX_AUTHORIZATION_LENGTH) {
      throw refuse('the authorization metadata must read `Bearer <API key>`');
    }
    const bearer = /^Bearer +(\S+) *$/i.exec(value);
    if (!bearer?.[1]) throw refuse('the authorization metadata must read `Bearer <API key>`');
    const key = bearer[1];
    const prefix = apiKeyPrefixOf(key);
    if (prefix === undefined) throw refuse('the API key is malformed (Kairos keys start with kairos_)');
    const record = await options.keys.findByPrefix(prefix);
    if (!record || !apiKeyMatches(key, record.secretHash)) throw refuse('the API key is not valid');
    if (record.revokedAt !== null) throw refuse(`the API key ${record.prefix} was revoked`);
    if (record.expiresAt.getTime() <= now()) {
      throw refuse(`the API key ${record.prefix} expired at ${record.expiresAt.toISOString()}`);
    }
    options.lastUse.record(record.id);
    return {
      kind: 'api_key',
      accountId: record.accountId,
      keyId: record.id,
      prefix: record.prefix,
      // Keys are never minted as owner; should one exist, it gets no more than admin.
      role: record.role === 'owner' ? 'admin' : (record.role satisfies PrincipalRole),
      allNamespaces: record.allNamespaces,
      namespaceIds: record.namespaceIds,
    };
  }
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
