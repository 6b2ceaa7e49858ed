import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { CachedApiKeyStore, type ApiKeyRecord, type ApiKeyStore } from './api-key-store.ts';
import { LastUseRecorder } from './last-use-recorder.ts';

const row: ApiKeyRecord = {
  id: 'key-1',
  accountId: 'account-1',
  prefix: 'kairos_abcdefghij',
  secretHash: '00',
  role: 'admin',
  allNamespaces: true,
  namespaceIds: [],
  expiresAt: new Date('2030-01-01T00:00:00Z'),
  revokedAt: null,
};

function countingStore(current: () => ApiKeyRecord | undefined) {
  const calls = { find: 0, uses: [] as string[] };
  const store: ApiKeyStore = {
    findByPrefix: async () => {
      calls.find++;
      return current();
    },
    recordUse: async (keyId) => void calls.uses.push(keyId),
  };
  return { store, calls };
}

describe('CachedApiKeyStore', () => {
  it('reuses a row for at most 500 ms, so a revocation is seen after that', async () => {
    let now = 0;
    let stored: ApiKeyRecord = row;
    const { store, calls } = countingStore(() => stored);
    const cached = new CachedApiKeyStore(store, { now: () => now });
    expect(await cached.findByPrefix(row.prefix)).toBe(row);
    stored = { ...row, revokedAt: new Date() };
    now = 499;
    expect((await cached.findByPrefix(row.prefix))?.revokedAt).toBeNull();
    now = 500;
    expect((await cached.findByPrefix(row.prefix))?.revokedAt).toBeInstanceOf(Date);
    expect(calls.find).toBe(2);
  });

  it('shares one read between concurrent misses and does not keep a failed read', async () => {
    let fail = true;
    let reads = 0;
    const cached = new CachedApiKeyStore(
      {
        findByPrefix: async () => {
          reads++;
          if (fail) throw new Error('database down');
          return row;
        },
        recordUse: async () => undefined,
      },
      { now: () => 0 },
    );
    await expect(Promise.all([cached.findByPrefix('p'), cached.findByPrefix('p')])).rejects.toThrow(
      'database down',
    );
    expect(reads).toBe(1);
    fail = false;
    await expect(cached.findByPrefix('p')).resolves.toBe(row);
    expect(reads).toBe(2);
  });
});

describe('LastUseRecorder', () => {
  it('writes a key at most once a minute, each key on its own', async () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const { store, calls } = countingStore(() => row);
    const recorder = new LastUseRecorder(store, createLogger({ service: 'test', level: 'silent' }), {
      now: () => now,
    });
    recorder.record('a');
    recorder.record('a');
    recorder.record('b');
    now += 59_999;
    recorder.record('a');
    now += 1;
    recorder.record('a');
    expect(calls.uses).toEqual(['a', 'b', 'a']);
  });
});
