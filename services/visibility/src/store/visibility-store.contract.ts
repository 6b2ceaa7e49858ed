import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@kairos/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOM_ATTRIBUTES,
  FILTERS,
  fixtureRecords,
  ORDERS,
  pagingRecord,
  without,
} from './visibility-store.fixtures.ts';
import type { ListRequest, VisibilityRecord, VisibilityStore } from './visibility-store.ts';

/**
 * The one contract every VisibilityStore implementation passes (visibility-store.ts states the
 * guarantees). Run it from a test file with a harness; see tests/postgres-visibility-store.test.ts
 * and tests/opensearch-visibility-store.test.ts. Every test works in fresh namespaces, so tests
 * share one store. Writes must be visible to the next read (OpenSearch: refresh 'wait_for').
 */
export interface VisibilityStoreContractHarness {
  createStore(): Promise<VisibilityStore>;
  /** Runs before the store is closed: drop the database or index. */
  destroy?(): Promise<void>;
}

export function runVisibilityStoreContract(name: string, harness: VisibilityStoreContractHarness): void {
  describe(`VisibilityStore contract: ${name}`, () => {
    let store: VisibilityStore;
    const fixtureNamespace = randomUUID();

    beforeAll(async () => {
      store = await harness.createStore();
      await store.upsert(fixtureRecords(fixtureNamespace));
    });

    afterAll(async () => {
      try {
        await harness.destroy?.();
      } finally {
        await store?.close();
      }
    });

    const list = (request: Partial<ListRequest> & { namespaceId: string }) =>
      store.list({ query: '', pageSize: 0, customAttributes: CUSTOM_ATTRIBUTES, ...request });
    const ids = async (query: string, namespaceId = fixtureNamespace) =>
      (await list({ namespaceId, query })).records.map((record) => record.workflowId);

    async function pageThrough(query: string, pageSize: number, namespaceId = fixtureNamespace) {
      const seen: VisibilityRecord[] = [];
      let pageToken: Uint8Array | undefined;
      for (let page = 0; page < 1000; page += 1) {
        const result = await list({ namespaceId, query, pageSize, pageToken });
        expect(result.records.length).toBeLessThanOrEqual(pageSize);
        seen.push(...result.records);
        if (result.nextPageToken.length === 0) return seen;
        pageToken = result.nextPageToken;
      }
      throw new Error('paging did not finish');
    }

    it('reads back exactly what was written, normalised', async () => {
      const written = fixtureRecords(fixtureNamespace);
      const read = (await list({ namespaceId: fixtureNamespace })).records;
      const byRun = new Map(read.map((record) => [record.runId, record]));
      for (const record of written) {
        const expected = structuredClone(record);
        if (record.runId === 'run-3') delete expected.searchAttributes.CustomList;
        if (record.runId === 'run-4') {
          expected.searchAttributes.CustomDatetime = { type: 'Datetime', value: '2023-12-31T23:00:00Z' };
        }
        expect(byRun.get(record.runId)).toEqual(expected);
      }
    });

    it.each(FILTERS)('filters: %s', async (query, expected) => {
      expect((await ids(query)).sort()).toEqual([...expected].sort());
    });

    it.each(ORDERS)('orders: %s', async (query, expected) => {
      expect(await ids(query)).toEqual(expected);
    });

    it.each(ORDERS.flatMap(([query]) => [1, 4].map((size) => [query, size] as const)))(
      'pages of %s in pages of %i match one page',
      async (query, pageSize) => {
        const paged = await pageThrough(query, pageSize);
        expect(paged.map((record) => record.workflowId)).toEqual(await ids(query));
      },
    );

    it('ignores repeated and older versions, in one batch or across calls', async () => {
      const namespaceId = randomUUID();
      const [base] = fixtureRecords(namespaceId);
      const at = (version: bigint, workflowType: string): VisibilityRecord => ({
        ...base!,
        version,
        workflowType,
      });
      await store.upsert([at(3n, 'v3'), at(1n, 'v1'), at(2n, 'v2')]);
      await store.upsert([at(2n, 'v2-late')]);
      await store.upsert([at(3n, 'v3-again')]);
      expect((await list({ namespaceId })).records.map((r) => [r.workflowType, r.version])).toEqual([
        ['v3', 3n],
      ]);
      await store.upsert([at(4n, 'v4')]);
      await store.upsert([at(4n, 'v4-redelivered'), at(1n, 'v1-redelivered')]);
      expect((await list({ namespaceId })).records.map((r) => [r.workflowType, r.version])).toEqual([
        ['v4', 4n],
      ]);
    });

    it('counts, and groups by ExecutionStatus', async () => {
      const count = (query: string) =>
        store.count({ namespaceId: fixtureNamespace, query, customAttributes: CUSTOM_ATTRIBUTES });
      expect(await count('')).toEqual({ count: 6, groups: [] });
      expect(await count("ExecutionStatus = 'Running' OR CustomInt > 9")).toEqual({ count: 4, groups: [] });
      expect(await count('GROUP BY ExecutionStatus')).toEqual({
        count: 6,
        groups: [
          { values: ['Completed'], count: 2 },
          { values: ['Running'], count: 2 },
          { values: ['Failed'], count: 1 },
          { values: ['TimedOut'], count: 1 },
        ],
      });
      expect(await count("WorkflowType = 'order' GROUP BY ExecutionStatus")).toEqual({
        count: 2,
        groups: [
          { values: ['Completed'], count: 1 },
          { values: ['Running'], count: 1 },
        ],
      });
    });

    it('keeps namespaces apart, even with the same run ids', async () => {
      const other = randomUUID();
      const records = fixtureRecords(other).map((record) => ({ ...record, workflowType: 'other-namespace' }));
      await store.upsert(records);
      expect(await ids("WorkflowType = 'other-namespace'")).toEqual([]);
      expect((await list({ namespaceId: fixtureNamespace })).records.map((r) => r.namespaceId)).toEqual(
        Array(6).fill(fixtureNamespace),
      );
      expect((await store.count({ namespaceId: fixtureNamespace, query: '' })).count).toBe(6);
      await store.deleteRun(other, 'wf-1', 'run-1');
      expect(await ids("WorkflowId = 'wf-1'")).toEqual(['wf-1']);
      expect(await ids("WorkflowId = 'wf-1'", other)).toEqual([]);
      expect((await store.count({ namespaceId: other, query: '' })).count).toBe(5);
      // Custom attributes are the namespace's own: B's filter cannot name A's attribute.
      await expect(
        store.list({
          namespaceId: other,
          query: "CustomKeyword = 'alpha'",
          pageSize: 10,
          customAttributes: {},
        }),
      ).rejects.toThrow(/unknown search attribute 'CustomKeyword' at position 1/);
    });

    it('lets namespaces give one attribute name different types', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const [recordA] = fixtureRecords(a);
      const [recordB] = fixtureRecords(b);
      await store.upsert([
        { ...recordA!, searchAttributes: { Region: { type: 'Keyword', value: 'eu-west' } } },
        { ...recordB!, searchAttributes: { Region: { type: 'Int', value: 42n } } },
      ]);
      const found = async (namespaceId: string, query: string, type: 'Keyword' | 'Int') =>
        (await store.list({ namespaceId, query, pageSize: 10, customAttributes: { Region: type } })).records;
      expect((await found(a, "Region = 'eu-west' ORDER BY Region", 'Keyword'))[0]?.searchAttributes).toEqual({
        Region: { type: 'Keyword', value: 'eu-west' },
      });
      expect((await found(b, 'Region > 41 ORDER BY Region DESC', 'Int'))[0]?.searchAttributes).toEqual({
        Region: { type: 'Int', value: 42n },
      });
      expect(await found(b, 'Region > 42', 'Int')).toEqual([]);
    });

    it('deletes runs (and deleting again or an unknown run is a no-op)', async () => {
      const namespaceId = randomUUID();
      await store.upsert(fixtureRecords(namespaceId));
      await store.deleteRun(namespaceId, 'wf-3', 'run-3');
      await store.deleteRun(namespaceId, 'wf-3', 'run-3');
      await store.deleteRun(namespaceId, 'wf-9', 'run-9');
      expect((await ids('', namespaceId)).sort()).toEqual(without(3));
      expect(
        (await store.count({ namespaceId, query: 'GROUP BY ExecutionStatus' })).groups,
      ).not.toContainEqual(expect.objectContaining({ values: ['Failed'] }));
    });

    it.each([
      ['', 1],
      ['ORDER BY StartTime', 1],
      ['ORDER BY CustomInt DESC', 0],
    ])(
      'pages through 250 runs (%s) while others are written between pages: no repeats, no skips',
      async (query, closedEvery) => {
        const namespaceId = randomUUID();
        // Minutes repeat (i % 50), so most rows tie on StartTime and the run id decides.
        const originals = Array.from({ length: 250 }, (_, i) =>
          pagingRecord(
            namespaceId,
            `orig-${String(i).padStart(3, '0')}`,
            i % 50,
            closedEvery > 0 && i % 3 !== 0,
          ),
        );
        await store.upsert(originals);
        const seen: string[] = [];
        let pageToken: Uint8Array | undefined;
        for (let page = 0; page < 100; page += 1) {
          const result = await list({ namespaceId, query, pageSize: 40, pageToken });
          seen.push(...result.records.map((record) => record.runId));
          if (result.nextPageToken.length === 0) break;
          pageToken = result.nextPageToken;
          // New runs sorting before, among and after the rows already read.
          await store.upsert(
            [0, 17, 49].map((minute) =>
              pagingRecord(namespaceId, `new-${page}-${minute}`, minute, minute === 17),
            ),
          );
        }
        expect(new Set(seen).size).toBe(seen.length);
        const missing = originals.map((record) => record.runId).filter((runId) => !seen.includes(runId));
        expect(missing).toEqual([]);
      },
    );

    it('scans every run of the namespace', async () => {
      const scanned = await store.scan({
        namespaceId: fixtureNamespace,
        query: 'CustomInt IS NOT NULL',
        pageSize: 2,
        customAttributes: CUSTOM_ATTRIBUTES,
      });
      expect(scanned.records).toHaveLength(2);
      expect(scanned.nextPageToken.length).toBeGreaterThan(0);
    });

    it.each([
      ["WorkflowId = 'a' AND", /query: invalid query: expected a search attribute name, .* at position 21/],
      [
        "NoSuchAttribute = 'x'",
        /query: invalid query: unknown search attribute 'NoSuchAttribute' at position 1/,
      ],
      ["CustomText > 'a'", /operator > is not supported for Text attribute 'CustomText' at position 1/],
      ['CustomInt = true', /invalid value true for Int attribute 'CustomInt' .* at position 13/],
      ['ORDER BY CustomList', /cannot sort by KeywordList attribute 'CustomList' at position 10/],
      ["WorkflowId = 'x' GROUP BY ExecutionStatus", /only supported when counting .* at position 27/],
    ])('refuses %s with InvalidArgument naming the position', async (query, message) => {
      const failure = list({ namespaceId: fixtureNamespace, query });
      await expect(failure).rejects.toBeInstanceOf(InvalidArgument);
      await expect(failure).rejects.toThrow(message);
    });

    it('refuses ORDER BY when counting, bad page sizes and foreign or broken page tokens', async () => {
      await expect(
        store.count({ namespaceId: fixtureNamespace, query: 'ORDER BY StartTime', customAttributes: {} }),
      ).rejects.toThrow(/ORDER BY' is not supported when counting at position 10/);
      await expect(list({ namespaceId: fixtureNamespace, pageSize: -1 })).rejects.toThrow(/page_size/);
      const first = await list({ namespaceId: fixtureNamespace, pageSize: 2 });
      await expect(
        list({ namespaceId: fixtureNamespace, query: 'ORDER BY StartTime', pageToken: first.nextPageToken }),
      ).rejects.toThrow(/next_page_token: belongs to a different namespace or query/);
      await expect(
        list({ namespaceId: randomUUID(), pageToken: first.nextPageToken }),
      ).rejects.toBeInstanceOf(InvalidArgument);
      await expect(
        list({ namespaceId: fixtureNamespace, pageToken: Buffer.from('not a token') }),
      ).rejects.toThrow(/next_page_token: is malformed/);
      // A forged token: the right namespace and query (the fingerprint is no secret) but sort values
      // of the wrong type. The store's own query must not be the one to notice (a 500 / INTERNAL).
      const token = JSON.parse(Buffer.from(first.nextPageToken).toString('utf8')) as { after: unknown[] };
      const forged = { ...token, after: token.after.map(() => 'not-a-time') };
      await expect(
        list({ namespaceId: fixtureNamespace, pageToken: Buffer.from(JSON.stringify(forged)) }),
      ).rejects.toThrow(/next_page_token: is malformed/);
    });
  });
}
