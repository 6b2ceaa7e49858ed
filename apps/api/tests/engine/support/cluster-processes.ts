import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { ClusterProcess, repositoryRoot, type ReadyFields } from './cluster-process.ts';

export interface ClusterOptions {
  /** A migrated or empty database; every process applies the migrations (under a lock) on start. */
  databaseUrl: string;
  /** Names the Kafka client id, topic/group prefix and log folder, e.g. `engine-test`. */
  label: string;
  historyProcesses?: number;
  shardCount?: number;
  kafkaBrokers?: string;
  logLevel?: string;
}

export type ClusterProcessName = 'api' | 'matching' | 'visibility' | `history-${number}`;

export interface Cluster {
  /** host:port of the api's gRPC frontend. */
  address: string;
  /** The api's HTTP endpoint (`/healthz`). */
  httpUrl: string;
  /** Topic and consumer group prefix on the shared Kafka (KAFKA_NAME_PREFIX). */
  kafkaPrefix: string;
  logDirectory: string;
  processNames: ClusterProcessName[];
  /** SIGKILL by default: a crash, no shutdown. Resolves once the process is gone. */
  kill(name: ClusterProcessName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed process again with the same ports; resolves when it is ready. */
  restart(name: ClusterProcessName): Promise<ReadyFields>;
  /** Stops every process (SIGTERM); throws if one had crashed on its own meanwhile. */
  stop(): Promise<void>;
}

const entries = {
  api: 'apps/api/src/main.ts',
  history: 'services/history/src/main.ts',
  matching: 'services/matching/src/main.ts',
  visibility: 'services/visibility/src/main.ts',
};
const logsRoot = join(repositoryRoot, '.data', 'test', 'clusters');
const keptLogFolders = 6;

/**
 * Kairos in cluster mode, as `infra/cluster/up` runs it but on free ports: one api, `historyProcesses`
 * history processes, one matching and one visibility (indexer) process, each its real entry in its own
 * OS process, with KAIROS_BUS=kafka on the shared Kafka under a prefix of its own (KAFKA_NAME_PREFIX),
 * so clusters started at the same time never consume each other's tasks. Resolves once every process
 * logged that it is ready; logs go to `.data/test/clusters/<label>-<id>/` (the last few runs are kept).
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const id = `${options.label}-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const logDirectory = join(logsRoot, id);
  pruneOldLogFolders();
  mkdirSync(logDirectory, { recursive: true });
  const kafkaPrefix = `${id}.`;
  const historyProcesses = options.historyProcesses ?? 2;
  const shardCount = options.shardCount ?? 16;
  const env = {
    ...inheritedEnvironment(),
    KAIROS_MODE: 'cluster',
    DATABASE_URL: options.databaseUrl,
    KAIROS_BUS: 'kafka',
    KAFKA_BROKERS: options.kafkaBrokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_CLIENT_ID: id,
    KAFKA_NAME_PREFIX: kafkaPrefix,
    KAIROS_HISTORY_SHARDS: String(shardCount),
    KAIROS_GRPC_HOST: '127.0.0.1',
    KAIROS_METRICS_PORT: '0',
    KAIROS_LOG_LEVEL: options.logLevel ?? 'info',
    // The visibility process indexes into OpenSearch and the api lists from it. One shared index:
    // namespace ids are unique per database, so concurrent clusters never see each other's records.
    KAIROS_VISIBILITY_STORE: 'opensearch',
    OPENSEARCH_URL: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200',
  };
  // The api must know the matching address before matching listens, so its port is chosen here.
  const matchingPort = await freePort();
  const processes = new Map<ClusterProcessName, { process: ClusterProcess; pinned: NodeJS.ProcessEnv }>();
  const add = (name: ClusterProcessName, entry: string, readyMessage: string, extra: NodeJS.ProcessEnv) => {
    const member = new ClusterProcess({
      name,
      entry,
      env: { ...env, ...extra },
      readyMessage,
      logPath: join(logDirectory, `${name}.log`),
    });
    processes.set(name, { process: member, pinned: {} });
  };
  for (let index = 1; index <= historyProcesses; index++) {
    add(`history-${index}`, entries.history, 'history ready', { KAIROS_HISTORY_PORT: '0' });
  }
  add('matching', entries.matching, 'matching ready', { KAIROS_MATCHING_PORT: String(matchingPort) });
  add('visibility', entries.visibility, 'visibility ready', {});
  add('api', entries.api, 'api ready', {
    KAIROS_MATCHING_URL: `http://127.0.0.1:${matchingPort}`,
    KAIROS_GRPC_PORT: '0',
    KAIROS_HTTP_PORT: '0',
  });

  const all = [...processes.values()].map((entry) => entry.process);
  const stopAll = async () => void (await Promise.all(all.map((member) => member.stop())));
  let address = '';
  let httpUrl = '';
  try {
    const ready = await Promise.all(
      [...processes].map(async ([name, entry]) => {
        const fields = await entry.process.start();
        entry.pinned = pinnedPorts(name, fields);
        return [name, fields] as const;
      }),
    );
    const api = ready.find(([name]) => name === 'api')?.[1] ?? {};
    address = String(api.grpc);
    httpUrl = String(api.http);
    await waitForShardBalance(options.databaseUrl, historyProcesses, shardCount);
  } catch (error) {
    await stopAll();
    throw error;
  }

  const processNamed = (name: ClusterProcessName) => {
    const entry = processes.get(name);
    if (!entry) throw new Error(`no process ${name} in this cluster (${[...processes.keys()].join(', ')})`);
    return entry;
  };
  return {
    address,
    httpUrl,
    kafkaPrefix,
    logDirectory,
    processNames: [...processes.keys()],
    kill: (name, signal = 'SIGKILL') => processNamed(name).process.kill(signal),
    restart: (name) => {
      const entry = processNamed(name);
      return entry.process.start(entry.pinned);
    },
    async stop() {
      await stopAll();
      const crashes = all.flatMap((member) => member.unexpectedExits);
      if (crashes.length > 0) {
        throw new Error(
          `cluster processes exited on their own: ${crashes.join('; ')} (logs: ${logDirectory})`,
        );
      }
    },
  };
}

/**
 * Waits until the history processes have split the shards: every shard leased, by as many owners as
 * there are processes, none above its share. The first process up takes every shard and hands half
 * over a lease cycle or two later; work started before that would meet the hand-over (a history long
 * poll parked on the old owner waits out its 20 s), which is not what a test or bench means to measure.
 */
async function waitForShardBalance(databaseUrl: string, owners: number, shardCount: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool.query<{ owner: string; shards: number }>(
        `SELECT owner, count(*)::int AS shards FROM history_shards
          WHERE owner IS NOT NULL AND lease_expires_at > now() GROUP BY owner`,
      );
      const leased = rows.reduce((sum, row) => sum + row.shards, 0);
      const share = Math.ceil(shardCount / owners);
      if (leased === shardCount && rows.length === owners && rows.every((row) => row.shards <= share)) return;
      if (Date.now() > deadline) {
        throw new Error(`history shards not balanced after 30 s: ${JSON.stringify(rows)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await pool.end();
  }
}

/** The ports a restarted process must listen on again (clients and lease rows know them). */
function pinnedPorts(name: ClusterProcessName, fields: ReadyFields): NodeJS.ProcessEnv {
  const portOf = (value: unknown) => String(value).split(':').at(-1)?.replace(/\D.*$/, '') ?? '0';
  if (name === 'api') {
    return { KAIROS_GRPC_PORT: portOf(fields.grpc), KAIROS_HTTP_PORT: portOf(fields.http) };
  }
  if (name.startsWith('history-')) return { KAIROS_HISTORY_PORT: portOf(fields.internalRpc) };
  return {};
}

/** The test process's environment minus what configures Kairos or vitest (each cluster sets its own). */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(KAIROS_|KAFKA_|VITEST|OTEL_)/.test(name) && name !== 'DATABASE_URL' && name !== 'NODE_OPTIONS',
    ),
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the newest few log folders; older runs' logs are of no use. */
function pruneOldLogFolders(): void {
  let folders: { path: string; modified: number }[];
  try {
    folders = readdirSync(logsRoot).map((name) => {
      const path = join(logsRoot, name);
      return { path, modified: statSync(path).mtimeMs };
    });
  } catch {
    return;
  }
  folders.sort((a, b) => b.modified - a.modified);
  for (const folder of folders.slice(keptLogFolders - 1))
    rmSync(folder.path, { recursive: true, force: true });
}
