import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { inject } from 'vitest';
import { startApiUnderTest } from '../../support/api-under-test.ts';
import { mintClusterApiKey } from './cluster-api-key.ts';
import { startCluster } from './cluster-processes.ts';

export interface EngineUnderTest {
  /** host:port of the server's gRPC frontend, for `Connection.connect` and `NativeConnection.connect`. */
  address: string;
  /** A namespace that exists and that every test in the file may use. */
  namespace: string;
  /**
   * The API key SDK clients must send (cluster mode: anonymous access is off); undefined when the
   * server lets loopback clients in without one (embedded mode).
   */
  apiKey: string | undefined;
  stop(): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** gRPC address of the cluster that cluster-global-setup.ts started for the whole run. */
    kairosClusterAddress: string | undefined;
    /** A system-account API key for that cluster. */
    kairosClusterApiKey: string | undefined;
  }
}

/**
 * The Temporal-compatible server the engine suite drives. Everything else in tests/engine only sees
 * this function's result. Which server, by environment:
 * - `KAIROS_ENGINE_TEST_ADDRESS=host:port`: a server already running (e.g. the reference Temporal dev
 *   server), namespace `default`; nothing is started or stopped. `KAIROS_ENGINE_TEST_API_KEY` is sent
 *   as the SDK's apiKey when set (a Kairos cluster needs one: apps/api/src/cli/create-api-key.ts).
 * - `KAIROS_ENGINE_TEST_MODE=cluster`: Kairos in cluster mode — api, two history processes and one
 *   matching process as separate OS processes over Kafka. The vitest `cluster` project starts one
 *   for the whole run (cluster-global-setup.ts); without it, each test file starts its own. Clients
 *   authenticate with a system-account API key minted for the run.
 * - otherwise (embedded): Kairos as `npm start` composes it, api, history and matching in this
 *   process over the in-process bus, on a fresh database.
 */
export async function startEngineUnderTest(): Promise<EngineUnderTest> {
  const address = process.env.KAIROS_ENGINE_TEST_ADDRESS;
  if (address) {
    const apiKey = process.env.KAIROS_ENGINE_TEST_API_KEY || undefined;
    return { address, namespace: 'default', apiKey, stop: async () => undefined };
  }
  const mode = process.env.KAIROS_ENGINE_TEST_MODE ?? 'embedded';
  if (mode === 'cluster') {
    const shared = inject('kairosClusterAddress');
    if (shared) {
      const apiKey = inject('kairosClusterApiKey');
      return { address: shared, namespace: 'default', apiKey, stop: async () => undefined };
    }
    return startOwnCluster();
  }
  if (mode !== 'embedded') {
    throw new Error(`KAIROS_ENGINE_TEST_MODE must be embedded or cluster, not ${JSON.stringify(mode)}`);
  }
  const server = await startApiUnderTest('engine');
  return { address: server.address, namespace: 'default', apiKey: undefined, stop: () => server.stop() };
}

async function startOwnCluster(): Promise<EngineUnderTest> {
  const database = await createThrowawayDatabase('engine_cluster');
  try {
    await applyMigrations(database.url);
    const apiKey = await mintClusterApiKey(database.url, 'engine test file');
    const cluster = await startCluster({ databaseUrl: database.url, label: 'engine' });
    return {
      address: cluster.address,
      namespace: 'default',
      apiKey,
      stop: async () => {
        try {
          await cluster.stop();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
