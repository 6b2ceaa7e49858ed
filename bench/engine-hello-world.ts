// Drives N hello-world workflows (one activity each) through Kairos with the official TypeScript SDK
// (client + worker in this process) and reports throughput and latencies. Starts Kairos itself, on a
// throwaway database of the infra Postgres (infra/postgres/up; cluster mode also needs infra/kafka/up):
//   npx tsx bench/engine-hello-world.ts --mode embedded --workflows 500
//   npx tsx bench/engine-hello-world.ts --mode cluster --workflows 500 [--concurrency 20] [--warmup 50]
//   npx tsx bench/engine-hello-world.ts --address 127.0.0.1:7633 ...   a server already running (e.g.
//     the reference Temporal dev server, for comparison; namespace `default`); add --api-key <key>
//     for a Kairos cluster (mint one with apps/api/src/cli/create-api-key.ts)
// embedded: `npm start`'s entry (api + history + matching in one process, in-process bus) as a child
// process; cluster: api, 2 history, 1 matching as child processes over Kafka (as infra/cluster/up).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ClusterProcess, repositoryRoot } from '../apps/api/tests/engine/support/cluster-process.ts';
import { mintClusterApiKey, sdkAuthOptions } from '../apps/api/tests/engine/support/cluster-api-key.ts';
import { startCluster } from '../apps/api/tests/engine/support/cluster-processes.ts';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'embedded' },
    workflows: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '50' },
    address: { type: 'string' },
    'api-key': { type: 'string' },
  },
});
const mode = args.address ? 'external' : args.mode;
if (mode !== 'embedded' && mode !== 'cluster' && mode !== 'external') {
  throw new Error('--mode must be embedded or cluster');
}
const workflows = Number(args.workflows);
const concurrency = Number(args.concurrency);
const warmup = Number(args.warmup);

interface Server {
  address: string;
  /** Cluster mode has no anonymous access: the SDK clients send this key. */
  apiKey: string | undefined;
  stop(): Promise<void>;
}

/** `npm start`'s entry with the console off, on free ports, over `databaseUrl`. */
async function startEmbedded(databaseUrl: string): Promise<Server> {
  const logDirectory = join(repositoryRoot, '.data', 'bench');
  mkdirSync(logDirectory, { recursive: true });
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(KAIROS_|KAFKA_)/.test(name)),
  );
  const server = new ClusterProcess({
    name: 'embedded',
    entry: 'apps/api/src/embedded/main.ts',
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      KAIROS_CONSOLE_PORT: '0',
      KAIROS_GRPC_PORT: '0',
      KAIROS_HTTP_PORT: '0',
      KAIROS_METRICS_PORT: '0',
    },
    readyMessage: 'api listening',
    logPath: join(logDirectory, 'embedded.log'),
  });
  const ready = await server.start();
  // Embedded mode lets loopback clients in without a key.
  return { address: String(ready.grpc), apiKey: undefined, stop: () => server.stop() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
function summary(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

async function mapWithConcurrency<T>(count: number, limit: number, task: (index: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}

Runtime.install({ logger: new DefaultLogger('ERROR') });
const bundling = bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('./workflows/hello-world.ts', import.meta.url)),
  logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
});
async function startServer(): Promise<Server> {
  if (args.address) return { address: args.address, apiKey: args['api-key'], stop: async () => undefined };
  const database = await createThrowawayDatabase(`bench_${mode}`);
  await applyMigrations(database.url);
  const server =
    mode === 'embedded'
      ? await startEmbedded(database.url)
      : {
          ...(await startCluster({ databaseUrl: database.url, label: 'bench' })),
          apiKey: await mintClusterApiKey(database.url, 'bench'),
        };
  return {
    address: server.address,
    apiKey: server.apiKey,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

const startedAt = performance.now();
const server = await startServer();
const startupSeconds = (performance.now() - startedAt) / 1000;

const auth = sdkAuthOptions(server.apiKey);
const connection = await Connection.connect({ address: server.address, ...auth });
const nativeConnection = await NativeConnection.connect({ address: server.address, ...auth });
const client = new Client({ connection, namespace: 'default' });
const taskQueue = `bench-${randomUUID()}`;
const scheduleToStart: number[] = [];
let measuring = false;
const worker = await Worker.create({
  connection: nativeConnection,
  namespace: 'default',
  taskQueue,
  workflowBundle: await bundling,
  activities: {
    async greet(name: string) {
      // Scheduled (server time of this attempt's ActivityTaskScheduled) → running on the worker.
      if (measuring)
        scheduleToStart.push(Date.now() - Context.current().info.currentAttemptScheduledTimestampMs);
      return `Hello, ${name}!`;
    },
  },
});

async function drive(count: number, prefix: string) {
  const startLatency: number[] = [];
  const endToEnd: number[] = [];
  const began = performance.now();
  await mapWithConcurrency(count, concurrency, async (index) => {
    const t0 = performance.now();
    const handle = await client.workflow.start('helloWorld', {
      taskQueue,
      workflowId: `${prefix}-${index}`,
      args: [`bench ${index}`],
    });
    startLatency.push(performance.now() - t0);
    const result = await handle.result();
    if (result !== `Hello, bench ${index}!`) throw new Error(`unexpected result ${String(result)}`);
    endToEnd.push(performance.now() - t0);
  });
  return { seconds: (performance.now() - began) / 1000, startLatency, endToEnd };
}

const measured = await worker.runUntil(async () => {
  await drive(warmup, `${taskQueue}-warmup`);
  measuring = true;
  return drive(workflows, taskQueue);
});

await nativeConnection.close();
await connection.close();
await server.stop();

const round = (value: number) => Math.round(value * 10) / 10;
const start = summary(measured.startLatency);
const toStart = summary(scheduleToStart);
const e2e = summary(measured.endToEnd);
const result = {
  mode,
  workflows,
  concurrency,
  warmup,
  startupSeconds: round(startupSeconds),
  completionsPerSecond: round(workflows / measured.seconds),
  startWorkflowMs: { p50: round(start.p50), p99: round(start.p99), max: round(start.max) },
  scheduleToStartMs: { p50: round(toStart.p50), p99: round(toStart.p99), max: round(toStart.max) },
  workflowEndToEndMs: { p50: round(e2e.p50), p99: round(e2e.p99), max: round(e2e.max) },
  machine: `${availableParallelism()} vCPU ${cpus()[0]?.model ?? ''}`.trim(),
};
console.log(
  `| ${mode} | ${workflows} | ${concurrency} | ${result.completionsPerSecond} | ` +
    `${result.startWorkflowMs.p50} / ${result.startWorkflowMs.p99} | ` +
    `${result.scheduleToStartMs.p50} / ${result.scheduleToStartMs.p99} | ` +
    `${result.workflowEndToEndMs.p50} / ${result.workflowEndToEndMs.p99} |`,
);
console.log(JSON.stringify(result));
