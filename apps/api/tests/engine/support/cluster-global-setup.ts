import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import type { TestProject } from 'vitest/node';
import { mintClusterApiKey } from './cluster-api-key.ts';
import { startCluster } from './cluster-processes.ts';

/**
 * vitest globalSetup of the `cluster` project: one Kairos cluster (api, two history processes, one
 * matching, over Kafka) on a throwaway database for the whole run, so the engine suite pays the
 * start-up of four processes once instead of once per file. Test files reach it through
 * startEngineUnderTest(); they isolate themselves by task queue and workflow id, as on a real server.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Pointed at a server already running: every file uses that one (engine-under-test.ts).
  if (process.env.KAIROS_ENGINE_TEST_ADDRESS) return undefined;
  const database = await createThrowawayDatabase('engine_cluster');
  let cluster;
  let apiKey;
  try {
    // Migrating once here spares the four processes from queueing on the migration lock.
    await applyMigrations(database.url);
    // Anonymous access is off in cluster mode: the suite's SDK clients use a system-account key.
    apiKey = await mintClusterApiKey(database.url, 'engine test suite');
    cluster = await startCluster({ databaseUrl: database.url, label: 'engine-suite' });
  } catch (error) {
    await database.drop();
    throw error;
  }
  project.provide('kairosClusterAddress', cluster.address);
  project.provide('kairosClusterApiKey', apiKey);
  return async () => {
    try {
      await cluster.stop();
    } finally {
      await database.drop();
    }
  };
}
