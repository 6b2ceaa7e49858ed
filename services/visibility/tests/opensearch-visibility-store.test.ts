import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@kairos/errors';
import { describe, expect, it } from 'vitest';
import { OpenSearchVisibilityStore } from '../src/store/opensearch-visibility-store.ts';
import { runVisibilityStoreContract } from '../src/store/visibility-store.contract.ts';
import { fixtureRecords } from '../src/store/visibility-store.fixtures.ts';

// Real OpenSearch (infra/opensearch/up). No fallback: an unreachable node fails the suite.
const url = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
let store: OpenSearchVisibilityStore | undefined;

runVisibilityStoreContract('OpenSearchVisibilityStore on a real node', {
  async createStore() {
    store = await OpenSearchVisibilityStore.start({
      url,
      index: `kairos-visibility-test-${randomUUID().slice(0, 8)}`,
      refresh: 'wait_for',
    });
    return store;
  },
  async destroy() {
    await store?.deleteIndex();
  },
});

describe('OpenSearchVisibilityStore', () => {
  it('answers Unavailable when OpenSearch is unreachable', async () => {
    await expect(
      OpenSearchVisibilityStore.start({ url: 'http://127.0.0.1:1', index: 'unreachable' }),
    ).rejects.toThrow(/cannot create the visibility index: OpenSearch is unreachable/);
  });

  it('refuses a document its mapping cannot hold, without retrying forever', async () => {
    const index = `kairos-visibility-test-${randomUUID().slice(0, 8)}`;
    const refusing = await OpenSearchVisibilityStore.start({ url, index, refresh: 'wait_for' });
    try {
      const [record] = fixtureRecords(randomUUID());
      const before1970 = { type: 'Datetime', value: '1960-01-01T00:00:00Z' } as const;
      const failure = refusing.upsert([{ ...record!, searchAttributes: { Birthday: before1970 } }]);
      await expect(failure).rejects.toBeInstanceOf(InvalidArgument);
      await expect(failure).rejects.toThrow(/records: OpenSearch refused run .*run-1/);
    } finally {
      await refusing.deleteIndex();
      await refusing.close();
    }
  });
});
