import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KafkaBus, topics } from '@kairos/bus';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { temporal } from '@kairos/proto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVisibilityIndexer, type VisibilityIndexer } from '../src/indexer/start-visibility-indexer.ts';
import { encodeVisibilityChange, type VisibilityChange } from '../src/indexer/visibility-change.ts';
import { OpenSearchVisibilityStore } from '../src/store/opensearch-visibility-store.ts';
import { SearchAttributeRegistry } from '../src/store/search-attribute-registry.ts';

// OpenSearch stopped for 60 s while history keeps producing visibility changes: nothing is lost and
// the indexer catches up once the node is back. The node is a second one of our own (own ports, own
// data folder, started and stopped with infra/opensearch/up and down), so stopping it does not
// disturb the shared node other suites use at the same time. Changes go through a real Kafka, as in
// cluster mode; the store keeps production settings (1 s refresh, no wait_for).

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const run = promisify(execFile);
const outageMs = 60_000;
const changesPerSecond = 50;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** One OpenSearch node on free ports with its own data folder, driven by the infra scripts. */
class OwnOpenSearchNode {
  readonly dataRoot = join(repositoryRoot, '.data', 'test', `opensearch-outage-${randomUUID().slice(0, 8)}`);
  private environment: NodeJS.ProcessEnv = {};
  url = '';

  async up(): Promise<void> {
    if (!this.url) {
      const [http, transport] = [await freePort(), await freePort()];
      this.url = `http://127.0.0.1:${http}`;
      this.environment = {
        ...process.env,
        OPENSEARCH_PORT: String(http),
        OPENSEARCH_TRANSPORT_PORT: String(transport),
        OPENSEARCH_DATA_ROOT: this.dataRoot,
      };
    }
    await run(join(repositoryRoot, 'infra/opensearch/up'), { env: this.environment, timeout: 240_000 });
  }

  async down(): Promise<void> {
    if (this.url) await run(join(repositoryRoot, 'infra/opensearch/down'), { env: this.environment });
  }

  remove(): void {
    rmSync(this.dataRoot, { recursive: true, force: true });
  }
}

let node: OwnOpenSearchNode;
let database: ThrowawayDatabase;
let pool: pg.Pool;
let bus: KafkaBus;
let store: OpenSearchVisibilityStore;
let indexer: VisibilityIndexer | undefined;

beforeAll(async () => {
  node = new OwnOpenSearchNode();
  database = await createThrowawayDatabase('visibility_outage');
  await applyMigrations(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await node.up();
  bus = new KafkaBus({
    brokers,
    clientId: 'outage-test',
    sessionTimeoutMs: 6_000,
    namePrefix: `outage-test-${randomUUID().slice(0, 8)}.`,
  });
}, 300_000);

afterAll(async () => {
  await indexer?.stop();
  await bus?.close();
  await store?.deleteIndex().catch(() => undefined);
  await store?.close();
  await node?.down();
  node?.remove();
  await pool?.end();
  await database?.drop();
}, 120_000);

describe('visibility indexing while OpenSearch is stopped for 60 s', () => {
  it('loses no record and catches up after the node comes back', async () => {
    const namespaceId = randomUUID();
    const registry = new SearchAttributeRegistry(pool);
    await registry.add(namespaceId, { OrderId: 'Keyword' });
    store = await OpenSearchVisibilityStore.start({
      url: node.url,
      index: 'kairos-visibility-outage',
      customAttributes: registry,
    });
    indexer = await startVisibilityIndexer({ bus, store, customAttributes: registry, logger: silent });
    const producer = new ChangeProducer(bus, namespaceId);

    // Warm: changes flow and become searchable.
    await producer.runFor(10_000);
    await waitFor('the warm-up records to be searchable', 60_000, async () => {
      return (await count(namespaceId, '')) === producer.started;
    });

    // Outage: the node stops; history keeps producing at the same rate for 60 s.
    await node.down();
    await producer.runFor(outageMs);
    const duringOutage = producer.started;

    // Recovery: the node is back with its data; production goes on, then every run closes.
    const restartedAt = Date.now();
    await node.up();
    const nodeUpMs = Date.now() - restartedAt;
    await producer.runFor(5_000);
    await producer.closeEverything();
    await waitFor('every run to be indexed as Completed', 180_000, async () => {
      return (await count(namespaceId, `ExecutionStatus = 'Completed'`)) === producer.started;
    });
    const caughtUpMs = Date.now() - restartedAt;

    expect(duringOutage).toBeGreaterThan(changesPerSecond * 20);
    expect(await count(namespaceId, '')).toBe(producer.started);
    expect(await count(namespaceId, `ExecutionStatus = 'Running'`)).toBe(0);
    // Custom attributes survived the detour through the retries.
    expect(await count(namespaceId, `OrderId STARTS_WITH 'order-'`)).toBe(producer.started);

    // Lag is back to normal: a new change is searchable within seconds, not minutes.
    const probe = producer.probe();
    await bus.publish(topics.visibility, [probe.message]);
    const probeLagMs = await waitFor('the probe to be searchable', 30_000, async () => {
      return (await count(namespaceId, `WorkflowId = '${probe.workflowId}'`)) === 1;
    });
    console.info(
      `opensearch outage: ${producer.started} runs, ${producer.published} changes; ` +
        `node back after ${nodeUpMs} ms, backlog indexed ${caughtUpMs} ms after the restart began; ` +
        `probe lag afterwards ${probeLagMs} ms`,
    );
    expect(probeLagMs).toBeLessThan(15_000);
  }, 420_000);
});

function count(namespaceId: string, query: string): Promise<number> {
  return store.count({ namespaceId, query }).then((result) => result.count);
}

/** Polls until `done` answers true; returns how long that took. */
async function waitFor(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await done().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Publishes visibility changes as history would: each run starts, and most close a little later. */
class ChangeProducer {
  started = 0;
  published = 0;
  private readonly open: number[] = [];

  constructor(
    private readonly bus: KafkaBus,
    private readonly namespaceId: string,
  ) {}

  /** `changesPerSecond` changes a second, in 100 ms ticks: starts, and closes of older runs. */
  async runFor(ms: number): Promise<void> {
    const until = Date.now() + ms;
    const perTick = changesPerSecond / 10;
    while (Date.now() < until) {
      const tick = Date.now();
      const batch: VisibilityChange[] = [];
      for (let index = 0; index < perTick; index++) {
        batch.push(index % 2 === 0 || this.open.length < 20 ? this.start() : this.close(this.open.shift()!));
      }
      await this.publish(batch);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tick))));
    }
  }

  async closeEverything(): Promise<void> {
    while (this.open.length > 0) await this.publish(this.open.splice(0, 200).map((n) => this.close(n)));
  }

  probe(): { workflowId: string; message: { key: string; value: string } } {
    const change = { ...this.change(-1, 'Running', '1'), workflowId: `probe-${randomUUID()}` };
    return { workflowId: change.workflowId, message: this.message(change) };
  }

  private start(): VisibilityChange {
    const n = this.started++;
    this.open.push(n);
    return this.change(n, 'Running', '1');
  }

  private close(n: number): VisibilityChange {
    return { ...this.change(n, 'Completed', '2'), closeTimeMs: Date.now(), historyLength: 11 };
  }

  private change(n: number, status: VisibilityChange['status'], version: string): VisibilityChange {
    const attributes = temporal.api.common.v1.SearchAttributes.encode({
      indexedFields: {
        OrderId: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(`"order-${n}"`) },
      },
    }).finish();
    return {
      format: 1,
      namespaceId: this.namespaceId,
      workflowId: `order-${n}`,
      runId: `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
      workflowType: 'processOrder',
      status,
      startTimeMs: Date.parse('2026-11-23T10:00:00Z') + n,
      executionTimeMs: Date.parse('2026-11-23T10:00:00Z') + n,
      closeTimeMs: null,
      taskQueue: 'orders',
      historyLength: 2,
      historySizeBytes: 300,
      stateTransitionCount: Number(version),
      parentWorkflowId: null,
      parentRunId: null,
      rootWorkflowId: null,
      rootRunId: null,
      memo: null,
      searchAttributes: Buffer.from(attributes).toString('base64'),
      version,
      changedAtMs: Date.now(),
    };
  }

  private message(change: VisibilityChange) {
    return { key: `${change.namespaceId}/${change.workflowId}`, value: encodeVisibilityChange(change) };
  }

  private async publish(changes: VisibilityChange[]): Promise<void> {
    await this.bus.publish(
      topics.visibility,
      changes.map((change) => this.message(change)),
    );
    this.published += changes.length;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
