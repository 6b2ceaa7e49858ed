import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowBundle } from '../engine/support/workflow-bundle.ts';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, type Team } from './support/team.ts';

interface Described {
  status: string;
  outcome: { eventType: string; result: { text: string }[] | null } | null;
}

/**
 * The console's signal and reset against a run a real SDK worker drives (the engine tests'
 * `collectMarks` workflow, which completes after one `mark` signal), through an API key the team
 * minted in the console.
 */
describe('workflows.signal and workflows.reset with a worker', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;
  let connection: NativeConnection;
  let client: Client;
  let clientConnection: Connection;
  const namespace = 'wf-reset';

  beforeAll(async () => {
    if (Runtime.instantiator === undefined) Runtime.install({ logger: new DefaultLogger('ERROR') });
    const bundling = workflowBundle();
    server = await startControlPlaneUnderTest('workflows-reset');
    team = await createTeam(server, 'wf-reset');
    await team.admin.client.ok('mutation', 'namespaces.create', { name: namespace });
    const { key } = await team.developer.client.ok<{ key: string }>('mutation', 'apiKeys.create', {
      name: 'worker',
      role: 'developer',
      scope: { namespaces: [namespace] },
    });
    const options = { address: server.api.grpc.address, apiKey: key, tls: false } as const;
    connection = await NativeConnection.connect(options);
    clientConnection = await Connection.connect(options);
    client = new Client({ connection: clientConnection, namespace });
    await bundling;
  });
  afterAll(async () => {
    await connection?.close();
    await clientConnection?.close();
    await server?.stop();
  });

  it('a signal from the console completes the run; a reset to its first task starts a new run', async () => {
    const taskQueue = `reset-${randomUUID()}`;
    const worker = await Worker.create({
      connection,
      namespace,
      taskQueue,
      workflowBundle: await workflowBundle(),
      shutdownGraceTime: '1s',
    });
    await worker.runUntil(async () => {
      const handle = await client.workflow.start('collectMarks', {
        taskQueue,
        workflowId: `marks-${randomUUID()}`,
        args: [1],
      });
      const run = { namespace, workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
      // The first workflow task completes (event 4) before the signal is sent.
      await expect
        .poll(async () => {
          const history = await team.readOnly.client.ok<{ events: { type: string }[] }>(
            'query',
            'workflows.history',
            run,
          );
          return history.events.map((event) => event.type);
        })
        .toContain('WorkflowTaskCompleted');
      await team.developer.client.ok('mutation', 'workflows.signal', {
        ...run,
        signalName: 'mark',
        input: '5',
      });
      expect(await handle.result()).toEqual([5]);
      const described = await team.readOnly.client.ok<Described>('query', 'workflows.describe', run);
      expect(described.status).toBe('Completed');
      expect(described.outcome).toMatchObject({
        eventType: 'WorkflowExecutionCompleted',
        result: [{ text: '[\n  5\n]' }],
      });

      const reset = await team.developer.client.ok<{ runId: string }>('mutation', 'workflows.reset', {
        ...run,
        workflowTaskFinishEventId: 4,
        reason: 'replay it',
      });
      expect(reset.runId).not.toBe(run.runId);
      const newRun = { ...run, runId: reset.runId };
      // The signal sent after the reset point is reapplied, so the new run completes the same way.
      await expect
        .poll(
          async () =>
            (await team.readOnly.client.ok<Described>('query', 'workflows.describe', newRun)).status,
        )
        .toBe('Completed');
    });
    const audit = await server.prisma.auditLogEntry.findMany({
      where: { accountId: team.accountId, targetType: 'workflow' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual(['workflow.signal', 'workflow.reset']);
    expect(audit[1]?.details).toMatchObject({ reason: 'replay it', workflowTaskFinishEventId: 4 });
  });
});
