import { Metadata } from '@grpc/grpc-js';
import { ResourceExhausted, Unauthenticated } from '@kairos/errors';
import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { mintApiKey } from '../../control-plane/api-keys/api-key-secret.ts';
import { SlidingWindowRateLimiter } from '../../control-plane/auth/rate-limiter.ts';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.ts';
import { createAuthenticator } from './authenticate.ts';
import { LastUseRecorder } from './last-use-recorder.ts';

const valid = mintApiKey();
const record: ApiKeyRecord = {
  id: 'key-1',
  accountId: 'account-1',
  prefix: valid.prefix,
  secretHash: valid.secretHash,
  role: 'developer',
  allNamespaces: true,
  namespaceIds: [],
  expiresAt: new Date(Date.now() + 3_600_000),
  revokedAt: null,
};

function setUp() {
  let lookups = 0;
  const keys: ApiKeyStore = {
    async findByPrefix(prefix) {
      lookups++;
      return prefix === record.prefix ? record : undefined;
    },
    async recordUse() {},
  };
  let clock = 1_000_000;
  const authenticate = createAuthenticator({
    keys,
    lastUse: new LastUseRecorder(keys, createLogger({ service: 'test', level: 'silent' })),
    anonymousLoopback: false,
    failures: new SlidingWindowRateLimiter({ limit: 3, windowMs: 60_000, now: () => clock }),
    now: () => clock,
  });
  return {
    authenticate,
    lookups: () => lookups,
    advance: (ms: number) => (clock += ms),
  };
}

function bearer(key: string): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  return metadata;
}

describe('authentication failures per client address', () => {
  it('refuses an address that failed too often, before any key lookup, until the window frees it', async () => {
    const { authenticate, lookups, advance } = setUp();
    const unknown = mintApiKey().key;
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(authenticate(bearer(unknown), '203.0.113.7:40000')).rejects.toBeInstanceOf(
        Unauthenticated,
      );
    }
    const lookupsBefore = lookups();
    const throttled = await authenticate(bearer(valid.key), '203.0.113.7:40001').catch(
      (error: unknown) => error,
    );
    expect(throttled).toBeInstanceOf(ResourceExhausted);
    expect((throttled as Error).message).toMatch(/too many failed authentications.*retry in 60 s/i);
    expect(lookups()).toBe(lookupsBefore);

    // Another address is unaffected; the throttled one recovers when the failures leave the window.
    await expect(authenticate(bearer(valid.key), '198.51.100.1:5000')).resolves.toMatchObject({
      keyId: 'key-1',
    });
    advance(60_001);
    await expect(authenticate(bearer(valid.key), '203.0.113.7:40002')).resolves.toMatchObject({
      keyId: 'key-1',
    });
  });

  it('counts malformed keys as failures but not successful calls', async () => {
    const { authenticate } = setUp();
    for (let call = 0; call < 10; call++) {
      await authenticate(bearer(valid.key), '203.0.113.8:1');
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(authenticate(bearer('not-a-key'), '203.0.113.8:1')).rejects.toBeInstanceOf(
        Unauthenticated,
      );
    }
    await expect(authenticate(bearer(valid.key), '203.0.113.8:1')).rejects.toBeInstanceOf(ResourceExhausted);
  });
});
