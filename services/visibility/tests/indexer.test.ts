import { randomUUID } from 'node:crypto';
import { KafkaBus, MemoryBus, topics, type Bus, type DeliveredMessage } from '@kairos/bus';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { InvalidArgument, Unavailable } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEAD_LETTER_HEADERS } from '../src/indexer/dead-letter.ts';
import { startVisibilityIndexer, type VisibilityIndexer } from '../src/indexer/start-visibility-indexer.ts';
import { encodeVisibilityChange, type VisibilityChange } from '../src/indexer/visibility-change.ts';
import { OpenSearchVisibilityStore } from '../src/store/opensearch-visibility-store.ts';
import { PostgresVisibilityStore } from '../src/store/postgres-visibility-store.ts';
import { SearchAttributeRegistry } from '../src/store/search-attribute-registry.ts';
import type { VisibilityRecord, VisibilityStore } from '../src/store/visibility-store.ts';

// The indexer end to end: real Postgres and OpenSearch stores, over MemoryBus and a real Kafka
// (infra/postgres/up, infra/opensearch/up, infra/kafka/up; no fallback, an unreachable server fails).

const openSearchUrl = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let database: ThrowawayDatabase;
let pool: pg.Pool;
let registry: SearchAttributeRegistry;
let openSearch: OpenSearchVisibilityStore;

beforeAll(async () => {
  database = await createThrowawayDatabase('visibility_indexer');
  await applyMigrations(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
  registry = new SearchAttributeRegistry(pool);
  openSearch = await OpenSearchVisibilityStore.start({
    url: openSearchUrl,
    index: `kairos-visibility-indexer-test-${randomUUID().slice(0, 8)}`,
    refresh: 'wait_for',
    customAttributes: registry,
  });
});

afterAll(async () => {
  await openSearch?.deleteIndex();
  await openSearch?.close();
  await pool?.end();
  await database?.drop();
});

const stores: Record<string, () => VisibilityStore> = {
  Postgres: () => new PostgresVisibilityStore({ pool, customAttributes: registry }),
  OpenSearch: () => openSearch,
};
const buses: Record<string, { create: () => Bus; timeoutMs: number }> = {
  MemoryBus: { create: () => new MemoryBus(), timeoutMs: 5_000 },
  // A prefix per test: each test has its own kairos.visibility topic and consumer groups.
  KafkaBus: {
    create: () =>
      new KafkaBus({
        brokers,
        clientId: 'indexer-test',
        sessionTimeoutMs: 6_000,
        namePrefix: `indexer-test-${randomUUID().slice(0, 8)}.`,
      }),
    timeoutMs: 30_000,
  },
};

const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});

function change(
  namespaceId: string,
  runId: string,
  overrides: Partial<VisibilityChange> = {},
): VisibilityChange {
  return {
    format: 1,
    namespaceId,
    workflowId: `wf-${runId}`,
    runId,
    workflowType: 'processOrder',
    status: 'Running',
    startTimeMs: Date.parse('2026-11-23T10:00:00Z'),
    executionTimeMs: Date.parse('2026-11-23T10:00:00Z'),
    closeTimeMs: null,
    taskQueue: 'orders',
    historyLength: 2,
    historySizeBytes: 300,
    stateTransitionCount: 1,
    parentWorkflowId: null,
    parentRunId: null,
    rootWorkflowId: null,
    rootRunId: null,
    memo: null,
    searchAttributes: null,
    version: '1',
    changedAtMs: Date.now(),
    ...overrides,
  };
}

const message = (item: VisibilityChange) => ({
  key: `${item.namespaceId}/${item.workflowId}`,
  value: encodeVisibilityChange(item),
});

/** Fails every upsert (as an unreachable OpenSearch does) until released; counts what it was given. */
class FailingStore implements VisibilityStore {
  failing = true;
  readonly attempts: VisibilityRecord[][] = [];
  constructor(private readonly inner: VisibilityStore) {}
  async upsert(records: readonly VisibilityRecord[]): Promise<void> {
    this.attempts.push([...records]);
    if (this.failing) throw new Unavailable('cannot index visibility records: OpenSearch is unreachable');
    await this.inner.upsert(records);
  }
  deleteRun = (...args: Parameters<VisibilityStore['deleteRun']>) => this.inner.deleteRun(...args);
  list = (...args: Parameters<VisibilityStore['list']>) => this.inner.list(...args);
  scan = (...args: Parameters<VisibilityStore['scan']>) => this.inner.scan(...args);
  count = (...args: Parameters<VisibilityStore['count']>) => this.inner.count(...args);
  close = async () => undefined;
}

/** Refuses, as invalid, every batch holding one run (the store's answer to a document it cannot map). */
class RefusingStore extends FailingStore {
  constructor(
    inner: VisibilityStore,
    private readonly refusedRunId: string,
  ) {
    super(inner);
    this.failing = false;
  }
  override async upsert(records: readonly VisibilityRecord[]): Promise<void> {
    if (records.some((record) => record.runId === this.refusedRunId)) {
      throw InvalidArgument.forField(
        'records',
        `OpenSearch refused run ${this.refusedRunId}: mapper_parsing`,
      );
    }
    await super.upsert(records);
  }
}

for (const [storeName, createStore] of Object.entries(stores)) {
  for (const [busName, busKind] of Object.entries(buses)) {
    describe(`visibility indexer: ${storeName} store over ${busName}`, () => {
      const timeout = busKind.timeoutMs;
      let bus: Bus;
      let indexer: VisibilityIndexer | undefined;
      let namespaceId: string;

      const start = async (store: VisibilityStore) => {
        indexer = await startVisibilityIndexer({ bus, store, customAttributes: registry, logger: silent });
      };
      const listed = async () =>
        (await createStore().list({ namespaceId, query: '', pageSize: 1000 })).records;
      const deadLetters = async () => {
        const seen: DeliveredMessage[] = [];
        await bus.subscribe({
          topic: topics.visibilityDeadLetter,
          groupId: 'dead-letter-reader',
          handler: async (delivered) => void seen.push(delivered),
        });
        return seen;
      };

      beforeAll(() => {
        bus = busKind.create();
      });
      afterEach(async () => {
        await indexer?.stop();
        indexer = undefined;
        await bus.close();
        bus = busKind.create();
      });
      afterAll(async () => {
        await bus.close();
      });
      const fresh = () => {
        namespaceId = `ns-${randomUUID()}`;
      };

      it(
        'indexes what history publishes, typing custom attributes by the namespace registry',
        async () => {
          fresh();
          await registry.add(namespaceId, { CustomerId: 'Keyword', Amount: 'Int' });
          const searchAttributes = Buffer.from(
            temporal.api.common.v1.SearchAttributes.encode({
              indexedFields: { CustomerId: json('c-7'), Amount: json(12), Unknown: json('x') },
            }).finish(),
          ).toString('base64');
          await start(createStore());
          await bus.publish(topics.visibility, [
            message(change(namespaceId, 'run-a', { searchAttributes })),
            ...Array.from({ length: 20 }, (_, index) => message(change(namespaceId, `run-${index}`))),
          ]);
          await vi.waitFor(async () => expect(await listed()).toHaveLength(21), { timeout, interval: 100 });
          const filtered = await createStore().list({
            namespaceId,
            query: "CustomerId = 'c-7' AND Amount = 12",
            pageSize: 10,
          });
          expect(filtered.records.map((record) => [record.runId, record.searchAttributes])).toEqual([
            ['run-a', { CustomerId: { type: 'Keyword', value: 'c-7' }, Amount: { type: 'Int', value: 12n } }],
          ]);
        },
        timeout * 2,
      );

      it(
        'keeps the newest version of a run whatever order and how often changes arrive',
        async () => {
          fresh();
          const closeTimeMs = Date.parse('2026-11-23T10:05:00Z');
          const closed = change(namespaceId, 'run-x', { status: 'Completed', closeTimeMs, version: '5' });
          const running = change(namespaceId, 'run-x', { historyLength: 4, version: '3' });
          await start(createStore());
          // Out of order (5 before 3) and duplicated, across separate publishes (separate batches).
          await bus.publish(topics.visibility, [message(closed), message(running)]);
          await bus.publish(topics.visibility, [message(running), message(closed), message(running)]);
          await bus.publish(topics.visibility, [message(change(namespaceId, 'marker'))]);
          await vi.waitFor(async () => expect(await listed()).toHaveLength(2), { timeout, interval: 100 });
          const run = (await listed()).find((record) => record.runId === 'run-x');
          expect(run).toMatchObject({ status: 'Completed', version: 5n, closeTime: new Date(closeTimeMs) });
        },
        timeout * 2,
      );

      it(
        'sends poison to the dead-letter topic with the error in its headers, and goes on',
        async () => {
          fresh();
          const seen = await deadLetters();
          await start(createStore());
          const broken = { ...change(namespaceId, 'run-bad'), status: 'Sleeping' };
          await bus.publish(topics.visibility, [
            message(change(namespaceId, 'run-before')),
            { key: `${namespaceId}/wf-run-bad`, value: JSON.stringify(broken), headers: { trace: 't-1' } },
            { key: `${namespaceId}/garbage`, value: 'not json at all' },
          ]);
          await bus.publish(topics.visibility, [message(change(namespaceId, 'run-after'))]);
          await vi.waitFor(async () => expect(await listed()).toHaveLength(2), { timeout, interval: 100 });
          await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout, interval: 100 });
          // Different keys, maybe different partitions: no order between them.
          const first = seen.find((letter) => letter.key === `${namespaceId}/wf-run-bad`);
          const second = seen.find((letter) => letter.key === `${namespaceId}/garbage`);
          expect(JSON.parse(first!.value.toString())).toEqual(broken);
          expect(first!.headers).toMatchObject({
            trace: 't-1',
            [DEAD_LETTER_HEADERS.reason]: 'poison',
            [DEAD_LETTER_HEADERS.sourceTopic]: topics.visibility,
          });
          expect(first!.headers[DEAD_LETTER_HEADERS.error]).toMatch(/field status/);
          expect(second!.value.toString()).toBe('not json at all');
          expect(second!.headers[DEAD_LETTER_HEADERS.error]).toMatch(/not JSON/);
          expect((await listed()).map((record) => record.runId).sort()).toEqual(['run-after', 'run-before']);
        },
        timeout * 2,
      );

      it(
        'loses nothing while the store is down: the same batch comes again and is indexed after recovery',
        async () => {
          fresh();
          const failing = new FailingStore(createStore());
          await start(failing);
          await bus.publish(
            topics.visibility,
            Array.from({ length: 30 }, (_, index) => message(change(namespaceId, `run-${index}`))),
          );
          await vi.waitFor(() => expect(failing.attempts.length).toBeGreaterThanOrEqual(4), {
            timeout,
            interval: 50,
          });
          // Paused, not buffering: every attempt is a retry of one partition's first batch, the same
          // records each time (at most one distinct batch per partition, no run in two of them).
          const batches = new Set(
            failing.attempts.map((attempt) => attempt.map((record) => record.runId).join(',')),
          );
          expect(batches.size).toBeLessThanOrEqual(4);
          const runs = [...batches].flatMap((batch) => batch.split(','));
          expect(new Set(runs).size).toBe(runs.length);
          expect(await listed()).toHaveLength(0);
          failing.failing = false;
          await vi.waitFor(async () => expect(await listed()).toHaveLength(30), { timeout, interval: 100 });
        },
        timeout * 3,
      );

      it(
        'dead-letters a record the store refuses for good, and indexes the rest of its batch',
        async () => {
          fresh();
          const seen = await deadLetters();
          await start(new RefusingStore(createStore(), 'run-refused'));
          await bus.publish(topics.visibility, [
            message(change(namespaceId, 'run-1')),
            message(change(namespaceId, 'run-refused')),
            message(change(namespaceId, 'run-2')),
            message(change(namespaceId, 'run-3')),
          ]);
          await vi.waitFor(async () => expect(await listed()).toHaveLength(3), { timeout, interval: 100 });
          await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout, interval: 100 });
          expect(JSON.parse(seen[0]!.value.toString())).toMatchObject({ runId: 'run-refused' });
          expect(seen[0]!.headers[DEAD_LETTER_HEADERS.reason]).toBe('refused');
          expect(seen[0]!.headers[DEAD_LETTER_HEADERS.error]).toMatch(/mapper_parsing/);
        },
        timeout * 2,
      );
    });
  }
}
