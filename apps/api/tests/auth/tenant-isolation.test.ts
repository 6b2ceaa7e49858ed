import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowServicePermissions } from '../../src/grpc/auth/rpc-permissions.ts';
import { startAuthApiUnderTest, type AuthApiUnderTest } from './support/auth-api-under-test.ts';

const PERMISSION_DENIED = 7;

type RawService = Record<string, (request: object) => Promise<unknown>>;

/**
 * Account A's key, admin over all of A's namespaces, against every namespace-scoped WorkflowService
 * rpc naming account B's namespace: every one must be refused before it reaches a handler, with the
 * same message as for a namespace that does not exist, and B's workflows must be as they were.
 */
describe('gRPC tenant isolation', () => {
  let server: AuthApiUnderTest;
  let attackerKey: string;
  let victimKey: string;
  let victimNamespaceId: string;

  beforeAll(async () => {
    server = await startAuthApiUnderTest('auth_isolation');
    const attacker = await server.tenants.account('Attacker');
    await server.tenants.namespace(attacker, 'attacker-ns');
    attackerKey = (await server.tenants.key({ accountId: attacker })).key;
    const victim = await server.tenants.account('Victim');
    victimNamespaceId = await server.tenants.namespace(victim, 'victim-ns');
    victimKey = (await server.tenants.key({ accountId: victim })).key;
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function victimState() {
    const executions = await server.prisma.execution.findMany({
      where: { namespaceId: victimNamespaceId },
      select: { workflowId: true, runId: true, status: true, nextEventId: true, dbVersion: true },
      orderBy: { workflowId: 'asc' },
    });
    return executions.map((execution) => ({ ...execution, dbVersion: String(execution.dbVersion) }));
  }

  it("refuses account A's key on every namespace-scoped rpc against account B's namespace", async () => {
    const victimClient = new Client({ connection: server.connect(victimKey), namespace: 'victim-ns' });
    await victimClient.workflow.start('victimWorkflow', {
      taskQueue: 'victim-queue',
      workflowId: 'victim-1',
    });
    await victimClient.workflow.signalWithStart('victimWorkflow', {
      taskQueue: 'victim-queue',
      workflowId: 'victim-2',
      signal: 'poke',
      signalArgs: [],
    });
    const before = await victimState();
    expect(before).toHaveLength(2);

    const attacker = server.connect(attackerKey).workflowService as unknown as RawService;
    const namespaceScoped = Object.entries(workflowServicePermissions).filter(
      ([, permission]) => permission.scope === 'namespace',
    );
    expect(namespaceScoped.length).toBeGreaterThan(100);
    const outcomes: Record<string, string> = {};
    for (const [method] of namespaceScoped) {
      const call = attacker[method.charAt(0).toLowerCase() + method.slice(1)];
      if (!call) throw new Error(`the SDK has no workflowService method for ${method}`);
      for (const namespace of ['victim-ns', 'no-such-namespace']) {
        outcomes[`${method} ${namespace}`] = await call
          .call(attacker, {
            namespace,
            workflowId: 'victim-1',
            workflowExecution: { workflowId: 'victim-1' },
            taskQueue: { name: 'victim-queue' },
          })
          .then(
            () => 'ACCEPTED',
            (error: { code: number; details: string }) =>
              `${error.code} ${error.details.replace(namespace, '<namespace>')}`,
          );
      }
    }
    const expected = `${PERMISSION_DENIED} Request unauthorized: this API key may not use namespace <namespace>.`;
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((key) => [key, expected])));

    // DescribeNamespace by id, too.
    const byId = await attacker.describeNamespace!({ id: victimNamespaceId }).then(
      () => 'ACCEPTED',
      (error: { code: number }) => error.code,
    );
    expect(byId).toBe(PERMISSION_DENIED);

    expect(await victimState()).toEqual(before);
    const described = await victimClient.workflow.getHandle('victim-1').describe();
    expect(described.status.name).toBe('RUNNING');
  });

  it("does not list or register into B's namespaces from A's key", async () => {
    const attacker = server.connect(attackerKey).workflowService;
    const listed = await attacker.listNamespaces({ namespaceFilter: { includeDeleted: true } });
    expect(listed.namespaces.map((namespace) => namespace.namespaceInfo?.name)).toEqual(['attacker-ns']);
    const register = await attacker.registerNamespace({ namespace: 'victim-ns' }).then(
      () => 'ACCEPTED',
      (error: { code: number }) => error.code,
    );
    // The name is taken (names are global, as in Temporal Cloud); nothing changes hands.
    expect(register).toBe(6);
    const row = await server.prisma.namespace.findUniqueOrThrow({ where: { name: 'victim-ns' } });
    expect(row.id).toBe(victimNamespaceId);
  });
});
