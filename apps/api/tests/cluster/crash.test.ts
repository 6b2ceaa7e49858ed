import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintClusterApiKey, sdkAuthOptions } from '../engine/support/cluster-api-key.ts';
import { startCluster, type Cluster, type ClusterProcessName } from '../engine/support/cluster-processes.ts';
import { waitUntil } from '../engine/support/wait-until.ts';
import { crashWorkflowBundle } from './support/crash-bundle.ts';
import { checkHistory, mapWithConcurrency, startCrashRun } from './support/crash-scenario.ts';

// Kairos in cluster mode survives kill -9 of a history process and of the matching process while 200
// workflows run (activity → 2 s timer → activity): every workflow completes, every scheduled activity
// is completed exactly once in history, every timer fires, and the worker executed each activity once
// per attempt that history records. A killed history process's shards stay unowned until its leases
// expire (10 s), which bounds each test's stall.
const WORKFLOWS = 200;
const SLEEP_MS = 2_000;

describe('cluster crash recovery', () => {
  let database: ThrowawayDatabase;
  let cluster: Cluster;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    if (Runtime.instantiator === undefined) {
      // Workers log every failed poll at WARN while a process is down; that is the point here.
      Runtime.install({
        logger: new DefaultLogger('ERROR'),
        telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
      });
    }
    const bundling = crashWorkflowBundle();
    database = await createThrowawayDatabase('cluster_crash');
    await applyMigrations(database.url);
    // Cluster mode: no anonymous access, the SDK clients authenticate with a system-account key.
    const auth = sdkAuthOptions(await mintClusterApiKey(database.url, 'crash test'));
    cluster = await startCluster({ databaseUrl: database.url, label: 'crash' });
    connection = await Connection.connect({ address: cluster.address, ...auth });
    nativeConnection = await NativeConnection.connect({ address: cluster.address, ...auth });
    client = new Client({ connection, namespace: 'default' });
    bundle = await bundling;
  }, 120_000);

  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
    try {
      await cluster?.stop();
    } finally {
      await database?.drop();
    }
  });

  async function runThroughCrash(victim: ClusterProcessName): Promise<void> {
    const began = performance.now();
    const timeline: string[] = [];
    const mark = (what: string) =>
      timeline.push(`${what} +${((performance.now() - began) / 1000).toFixed(1)}s`);
    const run = await startCrashRun({
      client,
      connection: nativeConnection,
      bundle,
      count: WORKFLOWS,
      sleepMs: SLEEP_MS,
    });
    mark('started');
    await run.worker.runUntil(async () => {
      // Crash while every kind of task is in flight: first activities done for some, timers pending.
      await waitUntil(
        `a quarter of the first activities (${victim})`,
        () => run.workflowsPastFirstActivity.size >= WORKFLOWS / 4,
        60_000,
      );
      await cluster.kill(victim, 'SIGKILL');
      mark(`killed ${victim}`);
      const pastFirstAtCrash = run.workflowsPastFirstActivity.size;
      await cluster.restart(victim);
      mark('restarted');
      await run.results;
      mark('all completed');
      expect(pastFirstAtCrash).toBeLessThan(WORKFLOWS); // the crash did land mid-run
    });

    console.info(`${WORKFLOWS} workflows through kill -9 of ${victim}: ${timeline.join(', ')}`);
    const checks = await mapWithConcurrency(run.workflowIds, 16, async (workflowId) => {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      return checkHistory(workflowId, history.events ?? []);
    });
    expect(checks.filter((check) => check.problems.length > 0)).toEqual([]);
    // No attempt reached the worker twice (a task redelivered after the crash must not start again)...
    expect([...run.executions].filter(([, times]) => times !== 1)).toEqual([]);
    // ...and the attempt history completed is one the worker ran. An earlier attempt may be missing
    // from the worker's count: started by a matching process killed before it handed the task over,
    // it is retried after its start-to-close timeout (as in Temporal; history shows attempt 2).
    const completedAttempts = checks.flatMap((check) => check.completedAttempts);
    expect(completedAttempts.filter((key) => !run.executions.has(key))).toEqual([]);
  }

  it('completes every workflow exactly once through kill -9 and restart of a history process', async () => {
    await runThroughCrash('history-1');
  }, 120_000);

  it('completes every workflow exactly once through kill -9 and restart of the matching process', async () => {
    await runThroughCrash('matching');
  }, 120_000);
});
