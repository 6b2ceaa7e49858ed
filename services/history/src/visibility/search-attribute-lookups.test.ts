import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { SearchAttributeLookups, searchAttributeLookupOf } from './search-attribute-lookups.ts';

const { IndexedValueType } = temporal.api.enums.v1;

describe('searchAttributeLookupOf', () => {
  const lookup = searchAttributeLookupOf({ CustomerId: 'Keyword', Amount: 'Int' });

  it('types registered custom attributes', () => {
    expect(lookup('CustomerId')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    expect(lookup('Amount')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_INT);
  });

  it('marks system attributes, which workflows may not set', () => {
    expect(lookup('WorkflowId')).toBe('system');
    expect(lookup('ExecutionStatus')).toBe('system');
  });

  it('types predefined attributes SDKs set (TemporalChangeVersion)', () => {
    expect(lookup('TemporalChangeVersion')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
  });

  it('knows no unregistered name, and names are case-sensitive', () => {
    expect(lookup('NotRegistered')).toBeUndefined();
    expect(lookup('customerid')).toBeUndefined();
  });
});

/** A pool that answers registry reads from `registered` and counts them. */
function fakePool(registered: Record<string, Record<string, string>>) {
  const pool = {
    reads: 0,
    failNext: false,
    async query(_sql: string, params: unknown[]) {
      pool.reads += 1;
      if (pool.failNext) {
        pool.failNext = false;
        throw new Error('connection lost');
      }
      const attributes = registered[params[0] as string] ?? {};
      return { rows: Object.entries(attributes).map(([name, type]) => ({ name, type })) };
    },
  };
  return pool;
}

describe('SearchAttributeLookups', () => {
  it('reads a namespace’s registry once per ttl, and again after it', async () => {
    const registered: Record<string, Record<string, string>> = { ns: { Amount: 'Int' } };
    const pool = fakePool(registered);
    let now = 1_000;
    const lookups = new SearchAttributeLookups(pool as never, { ttlMs: 1_000, now: () => now });

    expect((await lookups.lookupFor('ns'))('Amount')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_INT);
    registered['ns'] = { Amount: 'Int', Region: 'Keyword' };
    now += 999;
    expect((await lookups.lookupFor('ns'))('Region')).toBeUndefined();
    expect(pool.reads).toBe(1);

    now += 1;
    expect((await lookups.lookupFor('ns'))('Region')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    expect(pool.reads).toBe(2);
  });

  it('keeps namespaces apart', async () => {
    const pool = fakePool({ a: { Amount: 'Int' }, b: {} });
    const lookups = new SearchAttributeLookups(pool as never, { now: () => 0 });

    expect((await lookups.lookupFor('a'))('Amount')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_INT);
    expect((await lookups.lookupFor('b'))('Amount')).toBeUndefined();
  });

  it('does not remember a failed read', async () => {
    const pool = fakePool({ ns: { Amount: 'Int' } });
    pool.failNext = true;
    const lookups = new SearchAttributeLookups(pool as never, { now: () => 0 });

    await expect(lookups.lookupFor('ns')).rejects.toThrow('connection lost');
    expect((await lookups.lookupFor('ns'))('Amount')).toBe(IndexedValueType.INDEXED_VALUE_TYPE_INT);
  });
});
