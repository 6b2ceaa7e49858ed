// Schedules are on time and durable: an interval schedule every 5 s runs for 60 s while the server is
// restarted in the middle (embedded: api, history and matching, i.e. the whole process, on the same
// database; cluster: the api process, which hosts the scheduler, is killed with SIGKILL and started
// again). Every nominal time gets exactly one run, started within 1 s of it.
import { MemoryBus } from '@kairos/bus';
import { applyMigrations, createPrismaClient } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { int64ToNumber, timestampToMs } from '@kairos/proto';
import { startTelemetry, type Telemetry } from '@kairos/telemetry';
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess } from '../../src/api-process.ts';
import { startInProcessEngine } from '../../src/engine/in-process-engine.ts';
import { mintClusterApiKey, sdkAuthOptions } from './support/cluster-api-key.ts';
import { startCluster } from './support/cluster-processes.ts';
import { waitUntil } from './support/wait-until.ts';

const everyMs = 5_000;
const runForMs = 60_000;
const toleranceMs = 1_000;

/** A Kairos the test can restart on the same database and gRPC port. */
interface RestartableServer {
  address: string;
  /** Cluster mode refuses anonymous callers. */
  apiKey: string | undefined;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function startEmbedded(databaseUrl: string, telemetry: Telemetry): Promise<RestartableServer> {
  const boot = async (port: number) => {
    const prisma = createPrismaClient(databaseUrl, { maxConnections: 4 });
    const bus = new MemoryBus();
    const engine = await startInProcessEngine({ databaseUrl, bus, logger: telemetry.logger, shardCount: 4 });
    const api = await startApiProcess({
      mode: 'embedded',
      grpc: { host: '127.0.0.1', port },
      http: { host: '127.0.0.1', port: 0 },
      engine,
      telemetry,
      prisma,
      databaseUrl,
    });
    return {
      address: api.grpc.address,
      async stop() {
        await api.stop();
        await engine.stop();
        await bus.close();
        await prisma.$disconnect();
      },
    };
  };
  let current = await boot(0);
  const port = Number(current.address.split(':').at(-1));
  return {
    address: current.address,
    apiKey: undefined,
    async restart() {
      await current.stop();
      current = await boot(port);
    },
    stop: () => current.stop(),
  };
}

async function startClustered(databaseUrl: string): Promise<RestartableServer> {
  const apiKey = await mintClusterApiKey(databaseUrl, 'schedule timing test');
  const cluster = await startCluster({ databaseUrl, label: 'schedule-timing' });
  return {
    address: cluster.address,
    apiKey,
    async restart() {
      await cluster.kill('api');
      await cluster.restart('api');
    },
    stop: () => cluster.stop(),
  };
}

describe('schedule timing', () => {
  const mode = process.env.KAIROS_ENGINE_TEST_MODE === 'cluster' ? 'cluster' : 'embedded';
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let telemetry: Telemetry | undefined;
  let server: RestartableServer;
  let connection: Connection;

  beforeAll(async () => {
    database = await createThrowawayDatabase('schedule_timing');
    await applyMigrations(database.url);
    if (mode === 'cluster') {
      server = await startClustered(database.url);
    } else {
      telemetry = await startTelemetry({
        serviceName: 'kairos-schedule-timing',
        logLevel: 'warn',
        metrics: false,
      });
      server = await startEmbedded(database.url, telemetry);
    }
    connection = await Connection.connect({ address: server.address, ...sdkAuthOptions(server.apiKey) });
  }, 120_000);
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
    await telemetry?.shutdown();
    await database?.drop();
  }, 60_000);

  it(`starts every run within ${toleranceMs} ms of its nominal time for ${runForMs / 1000} s, across a restart (${mode})`, async () => {
    const client = new Client({ connection, namespace: 'default' });
    const scheduleId = `timing-${Date.now()}`;
    // No worker: runs stay open, so ALLOW_ALL keeps every nominal time an action to check.
    const handle = await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: everyMs }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'echo',
        workflowId: scheduleId,
        taskQueue: `${scheduleId}-q`,
      },
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL },
    });
    const createdMs = (await handle.describe()).info.createdAt.getTime();
    const endMs = createdMs + runForMs;

    // Restart right after the first action past the middle, so the restart fits between two actions.
    const middle = createdMs + runForMs / 2;
    await waitUntil('the middle of the run', () => Date.now() >= middle, runForMs);
    const takenAtMiddle = (await handle.describe()).info.numActionsTaken;
    const beforeRestart = await waitUntil(
      'the first action past the middle',
      async () => {
        const taken = (await handle.describe()).info.numActionsTaken;
        return taken > takenAtMiddle && taken;
      },
      2 * everyMs,
    );
    const restartStarted = Date.now();
    await server.restart();
    const restartMs = Date.now() - restartStarted;

    await waitUntil('the end of the run', () => Date.now() > endMs + 2 * toleranceMs, runForMs);
    await handle.pause('measured');

    const nominal: number[] = [];
    for (let time = Math.floor(createdMs / everyMs) * everyMs + everyMs; time <= endMs; time += everyMs) {
      nominal.push(time);
    }
    const lateness: number[] = [];
    for (const time of nominal) {
      const workflowId = `${scheduleId}-${new Date(time).toISOString().replace('.000Z', 'Z')}`;
      const described = await connection.workflowService.describeWorkflowExecution({
        namespace: 'default',
        execution: { workflowId },
      });
      const info = described.workflowExecutionInfo;
      // One run per nominal time: the current run is the first and only one.
      expect(info?.execution?.runId, workflowId).toBe(info?.firstRunId);
      lateness.push(timestampToMs(info?.startTime)! - time);
    }
    // No extra and no missing actions: as many as nominal times up to the last one taken before the pause.
    const described = await handle.describe();
    const lastNominal = Math.max(
      ...described.info.recentActions.map((action) => action.scheduledAt.getTime()),
    );
    expect(lastNominal).toBeGreaterThanOrEqual(nominal.at(-1)!);
    const firstNominal = nominal[0]!;
    expect(int64ToNumber(described.raw.info?.actionCount)).toBe((lastNominal - firstNominal) / everyMs + 1);
    expect(described.info.numActionsMissedCatchupWindow).toBe(0);
    const worst = Math.max(...lateness.map(Math.abs));
    console.info(
      `schedule timing (${mode}): ${nominal.length} actions, restart took ${restartMs} ms after action ${beforeRestart}, ` +
        `lateness ms ${lateness.join(' ')}; max |actual - nominal| = ${worst} ms`,
    );
    for (const late of lateness) {
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(toleranceMs);
    }
    for (const id of nominal.map(
      (time) => `${scheduleId}-${new Date(time).toISOString().replace('.000Z', 'Z')}`,
    )) {
      await client.workflow.getHandle(id).terminate('timing test done');
    }
    await handle.delete();
  }, 150_000);
});
