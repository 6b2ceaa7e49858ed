// Indexing lag of the visibility pipeline at a steady rate of workflow state changes:
//   npx tsx bench/visibility-indexing-lag.ts [--rate 200] [--seconds 60] [--store both|sql|opensearch]
// Needs infra/postgres/up, infra/kafka/up, infra/opensearch/up. Visibility changes are published to a
// real Kafka topic exactly as history's outbox relay publishes them (half starts, half closes of
// earlier runs), and the real indexer (startVisibilityIndexer, bulk batches) writes them into the
// store. Lag is measured to *searchable*: every 10th change is a probe, and one poller asks the store
// every 50 ms for the pending probes (`WorkflowId IN (…)`), so the number includes Kafka, the batch,
// the store write and — for OpenSearch — the index refresh (1 s by default). It does not include
// history's commit → outbox relay → publish leg (woken on commit, a few ms).
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { KafkaBus, topics } from '@kairos/bus';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { temporal } from '@kairos/proto';
import {
  encodeVisibilityChange,
  OpenSearchVisibilityStore,
  PostgresVisibilityStore,
  SearchAttributeRegistry,
  startVisibilityIndexer,
  type VisibilityChange,
  type VisibilityStore,
} from '@kairos/visibility';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    store: { type: 'string', default: 'both' },
  },
});
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const silent = { debug() {}, info() {}, warn() {}, error() {} };

interface Probe {
  workflowId: string;
  status: VisibilityChange['status'];
  publishedAtMs: number;
}

function change(namespaceId: string, n: number, status: VisibilityChange['status']): VisibilityChange {
  const now = Date.now();
  const attributes = temporal.api.common.v1.SearchAttributes.encode({
    indexedFields: {
      CustomerId: {
        metadata: { encoding: Buffer.from('json/plain') },
        data: Buffer.from(`"customer-${n % 1000}"`),
      },
    },
  }).finish();
  return {
    format: 1,
    namespaceId,
    workflowId: `order-${n}`,
    runId: randomUUID(),
    workflowType: `Type${n % 20}`,
    status,
    startTimeMs: now,
    executionTimeMs: now,
    closeTimeMs: status === 'Running' ? null : now,
    taskQueue: 'orders',
    historyLength: status === 'Running' ? 2 : 11,
    historySizeBytes: 1_500,
    stateTransitionCount: status === 'Running' ? 1 : 6,
    parentWorkflowId: null,
    parentRunId: null,
    rootWorkflowId: null,
    rootRunId: null,
    memo: null,
    searchAttributes: Buffer.from(attributes).toString('base64'),
    version: status === 'Running' ? '1' : '2',
    changedAtMs: now,
  };
}

async function measure(
  label: string,
  store: VisibilityStore,
  registry: SearchAttributeRegistry,
): Promise<void> {
  const namespaceId = randomUUID();
  await registry.add(namespaceId, { CustomerId: 'Keyword' });
  const bus = new KafkaBus({
    brokers,
    clientId: 'bench-lag',
    namePrefix: `bench-lag-${randomUUID().slice(0, 8)}.`,
  });
  const indexer = await startVisibilityIndexer({ bus, store, customAttributes: registry, logger: silent });
  const pending = new Map<string, Probe>();
  const lags: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling || pending.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (pending.size === 0) continue;
      const ids = [...pending.keys()].map((id) => `'${id}'`).join(', ');
      const { records } = await store.list({ namespaceId, query: `WorkflowId IN (${ids})`, pageSize: 1000 });
      const seenAt = Date.now();
      for (const record of records) {
        const probe = pending.get(record.workflowId);
        if (probe && record.status === probe.status) {
          lags.push(seenAt - probe.publishedAtMs);
          pending.delete(record.workflowId);
        }
      }
    }
  })();

  // Each 50 ms tick publishes rate/20 changes: a start of a new run, then the close of the run started
  // 100 changes earlier, alternating. Every 10th change is a probe.
  const started = Date.now();
  let published = 0;
  let next = 0;
  const open: number[] = [];
  while (Date.now() - started < seconds * 1_000) {
    const tick = Date.now();
    const batch: VisibilityChange[] = [];
    for (let index = 0; index < rate / 20; index++) {
      const closing = open.length > 50 && published % 2 === 1;
      const item = closing
        ? change(namespaceId, open.shift()!, 'Completed')
        : change(namespaceId, next++, 'Running');
      if (!closing) open.push(next - 1);
      if (published % 10 === 0 && !pending.has(item.workflowId)) {
        pending.set(item.workflowId, {
          workflowId: item.workflowId,
          status: item.status,
          publishedAtMs: item.changedAtMs,
        });
      }
      batch.push(item);
      published++;
    }
    await bus.publish(
      topics.visibility,
      batch.map((item) => ({
        key: `${item.namespaceId}/${item.workflowId}`,
        value: encodeVisibilityChange(item),
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 50 - (Date.now() - tick))));
  }
  const achievedRate = published / ((Date.now() - started) / 1_000);
  polling = false;
  await poller;
  await indexer.stop();
  await bus.close();
  lags.sort((a, b) => a - b);
  const at = (quantile: number) => lags[Math.min(lags.length - 1, Math.floor(quantile * lags.length))]!;
  console.log(
    `| ${label} | ${achievedRate.toFixed(0)}/s | ${published} | ${lags.length} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${lags.at(-1)} |`,
  );
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`,
);
console.log(
  '\n| store | rate | changes | probes | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|',
);
const database = await createThrowawayDatabase('bench_visibility_lag');
await applyMigrations(database.url);
const pool = new pg.Pool({ connectionString: database.url, max: 6 });
const registry = new SearchAttributeRegistry(pool);
try {
  if (args.store === 'both' || args.store === 'sql') {
    await measure(
      'Postgres (sql)',
      new PostgresVisibilityStore({ pool, customAttributes: registry }),
      registry,
    );
  }
  if (args.store === 'both' || args.store === 'opensearch') {
    const store = await OpenSearchVisibilityStore.start({
      url: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
      index: `kairos-visibility-bench-${randomUUID().slice(0, 8)}`,
      customAttributes: registry,
    });
    try {
      await measure('OpenSearch (1 s refresh)', store, registry);
    } finally {
      await store.deleteIndex();
      await store.close();
    }
  }
} finally {
  await pool.end();
  await database.drop();
}
