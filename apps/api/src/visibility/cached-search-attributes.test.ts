import type { CustomSearchAttributes } from '@kairos/visibility';
import { describe, expect, it } from 'vitest';
import { CachedSearchAttributes } from './cached-search-attributes.ts';

function registry(initial: CustomSearchAttributes) {
  let attributes = initial;
  const reads: string[] = [];
  return {
    reads,
    set(next: CustomSearchAttributes) {
      attributes = next;
    },
    async list(namespaceId: string) {
      reads.push(namespaceId);
      return attributes;
    },
  };
}

describe('CachedSearchAttributes', () => {
  it('reads a namespace once per TTL', async () => {
    let nowMs = 0;
    const source = registry({ CustomerId: 'Keyword' });
    const cache = new CachedSearchAttributes(source, { ttlMs: 1000, now: () => nowMs });
    expect(await cache.list('ns-1')).toEqual({ CustomerId: 'Keyword' });
    nowMs = 999;
    await cache.list('ns-1');
    expect(source.reads).toEqual(['ns-1']);
    await cache.list('ns-2');
    nowMs = 1000;
    await cache.list('ns-1');
    expect(source.reads).toEqual(['ns-1', 'ns-2', 'ns-1']);
  });

  it('reads again before refusing a name the cached copy does not know', async () => {
    const source = registry({ CustomerId: 'Keyword' });
    const cache = new CachedSearchAttributes(source, { ttlMs: 60_000, now: () => 0 });
    await cache.covering('ns', ['CustomerId']);
    expect(source.reads).toHaveLength(1);
    source.set({ CustomerId: 'Keyword', Amount: 'Int' });
    expect(await cache.covering('ns', ['CustomerId', 'Amount'])).toEqual({
      CustomerId: 'Keyword',
      Amount: 'Int',
    });
    expect(source.reads).toHaveLength(2);
    // Known now: no further read.
    await cache.covering('ns', ['Amount']);
    expect(source.reads).toHaveLength(2);
  });
});
