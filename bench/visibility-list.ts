// List and count latency of the two visibility stores over a namespace of N executions (default 100k):
//   npx tsx bench/visibility-list.ts [--executions 100000] [--runs 50] [--page-size 100] [--store both|sql|opensearch]
// Needs infra/postgres/up and infra/opensearch/up. Each store gets a throwaway home (a fresh database,
// a fresh index) filled through its own `upsert` in batches of 1,000, then every query below runs
// `--runs` times after 5 warm-up runs; p50/p95 are of the wall time of one `list`/`count` call.
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import {
  OpenSearchVisibilityStore,
  PostgresVisibilityStore,
  type CustomSearchAttributes,
  type VisibilityRecord,
  type VisibilityStore,
} from '@kairos/visibility';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    executions: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
    'page-size': { type: 'string', default: '100' },
    store: { type: 'string', default: 'both' },
  },
});
const executions = Number(args.executions);
const runs = Number(args.runs);
const pageSize = Number(args['page-size']);
const namespaceId = randomUUID();
const customAttributes: CustomSearchAttributes = {
  CustomerId: 'Keyword',
  Region: 'Keyword',
  Amount: 'Int',
  Tags: 'KeywordList',
};
const dayMs = 86_400_000;
const newest = Date.parse('2026-11-01T00:00:00Z');

/** Execution `n`: 20 types, 1,000 customers, 5 regions, 30 days of starts, a realistic status mix. */
function executionRecord(n: number): VisibilityRecord {
  const startTime = new Date(newest - ((n * 7919) % (30 * dayMs)));
  const roll = n % 100;
  const status =
    roll < 10
      ? 'Running'
      : roll < 80
        ? 'Completed'
        : roll < 90
          ? 'Failed'
          : roll < 95
            ? 'TimedOut'
            : 'Terminated';
  const closeTime = status === 'Running' ? null : new Date(startTime.getTime() + 1_000 + (n % 600_000));
  return {
    namespaceId,
    workflowId: `order-${n}`,
    runId: randomUUID(),
    workflowType: `Type${n % 20}`,
    status,
    startTime,
    executionTime: startTime,
    closeTime,
    executionDuration: closeTime ? BigInt(closeTime.getTime() - startTime.getTime()) * 1_000_000n : null,
    taskQueue: `queue-${n % 4}`,
    historyLength: 11 + (n % 40),
    historySizeBytes: 2_000 + (n % 9_000),
    stateTransitionCount: 5 + (n % 20),
    parentWorkflowId: null,
    parentRunId: null,
    rootWorkflowId: null,
    rootRunId: null,
    memo: new Uint8Array(),
    searchAttributes: {
      CustomerId: { type: 'Keyword', value: `customer-${n % 1000}` },
      Region: { type: 'Keyword', value: ['eu', 'us', 'ap', 'sa', 'af'][n % 5]! },
      Amount: { type: 'Int', value: BigInt((n * 31) % 10_000) },
      Tags: { type: 'KeywordList', value: [`tag-${n % 7}`, `tag-${n % 11}`] },
    },
    version: 1n,
  };
}

const midWindow = new Date(newest - 15 * dayMs).toISOString();
const lateWindow = new Date(newest - 14 * dayMs).toISOString();
const listQueries: [string, string][] = [
  ['everything, default order (first page)', ''],
  ['WorkflowType = one of 20', `WorkflowType = 'Type7'`],
  ['ExecutionStatus = Running (10%)', `ExecutionStatus = 'Running'`],
  ['custom Keyword = one of 1,000', `CustomerId = 'customer-123'`],
  [
    'StartTime one-day window, ORDER BY StartTime',
    `StartTime BETWEEN '${midWindow}' AND '${lateWindow}' ORDER BY StartTime DESC`,
  ],
  [
    'three conditions incl. custom Int range',
    `Region = 'eu' AND Amount > 5000 AND ExecutionStatus = 'Completed'`,
  ],
  ['KeywordList contains', `Tags = 'tag-3'`],
];
const countQueries: [string, string][] = [
  ['count everything', ''],
  ['count ExecutionStatus = Failed', `ExecutionStatus = 'Failed'`],
  ['count GROUP BY ExecutionStatus', 'GROUP BY ExecutionStatus'],
];

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let warmup = 0; warmup < 5; warmup++) await run();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (quantile: number) =>
    samples[Math.min(samples.length - 1, Math.floor(quantile * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/** `settle` runs after the load: what a store in steady state would have done by itself. */
async function measure(name: string, store: VisibilityStore, settle: () => Promise<void>): Promise<void> {
  const loadStarted = performance.now();
  for (let first = 0; first < executions; first += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, executions - first) }, (_, i) =>
      executionRecord(first + i),
    );
    await store.upsert(batch);
  }
  const loadSeconds = (performance.now() - loadStarted) / 1_000;
  await settle();
  console.log(
    `\n### ${name}: ${executions} executions loaded in ${loadSeconds.toFixed(1)} s (${Math.round(executions / loadSeconds)}/s)`,
  );
  console.log(`\n| query (page size ${pageSize}) | p50 ms | p95 ms |\n|---|---|---|`);
  const request = { namespaceId, pageSize, customAttributes };
  for (const [label, query] of listQueries) {
    const { p50, p95 } = await time(() => store.list({ ...request, query }));
    console.log(`| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
  }
  // Page 20 of the default listing: keyset paging does not slow down with depth.
  let token: Uint8Array | undefined;
  for (let page = 1; page < 20; page++)
    token = (await store.list({ ...request, query: '', pageToken: token })).nextPageToken;
  const deep = await time(() => store.list({ ...request, query: '', pageToken: token }));
  console.log(`| everything, page 20 (keyset token) | ${deep.p50.toFixed(1)} | ${deep.p95.toFixed(1)} |`);
  for (const [label, query] of countQueries) {
    const { p50, p95 } = await time(() => store.count({ namespaceId, query, customAttributes }));
    console.log(`| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
  }
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`,
);
if (args.store === 'both' || args.store === 'sql') {
  const database = await createThrowawayDatabase('bench_visibility');
  await applyMigrations(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    // Autovacuum would analyze the table soon after such a load; the bench does not wait for it.
    await measure('Postgres (sql)', new PostgresVisibilityStore({ pool }), async () => {
      await pool.query('ANALYZE visibility_records');
    });
  } finally {
    await pool.end();
    await database.drop();
  }
}
if (args.store === 'both' || args.store === 'opensearch') {
  const store = await OpenSearchVisibilityStore.start({
    url: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
    index: `kairos-visibility-bench-${randomUUID().slice(0, 8)}`,
  });
  try {
    // Writes become searchable at the next refresh (every second by default).
    await measure('OpenSearch', store, () => new Promise((resolve) => setTimeout(resolve, 2_000)));
  } finally {
    await store.deleteIndex();
    await store.close();
  }
}
