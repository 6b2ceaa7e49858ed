import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, type Team } from './support/team.ts';

interface NamespaceData {
  id: string;
  name: string;
  description: string;
  retentionDays: number;
  state: string;
  createdAt: string;
  openWorkflows?: number;
}

describe('namespaces procedures', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('namespaces');
    team = await createTeam(server, 'ns');
  });
  afterAll(() => server?.stop());

  async function startRun(namespaceName: string, workflowId: string) {
    const row = await server.prisma.namespace.findUniqueOrThrow({ where: { name: namespaceName } });
    return server.engine.history.startWorkflowExecution(
      { id: row.id, name: row.name },
      {
        workflowId,
        workflowType: { name: 'ProcessOrder' },
        taskQueue: { name: 'orders' },
        requestId: `start-${workflowId}`,
      },
    );
  }

  it('creates, lists, gets and updates a namespace (admin+), with ISO dates', async () => {
    const created = await team.admin.client.ok<NamespaceData>('mutation', 'namespaces.create', {
      name: 'orders-prod',
      description: 'Orders',
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'orders-prod',
      description: 'Orders',
      retentionDays: 30,
      state: 'active',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    await team.owner.client.ok('mutation', 'namespaces.create', { name: 'orders-dev', retentionDays: 3 });
    const listed = await team.readOnly.client.ok<NamespaceData[]>('query', 'namespaces.list');
    expect(listed.map((namespace) => [namespace.name, namespace.retentionDays])).toEqual([
      ['orders-dev', 3],
      ['orders-prod', 30],
    ]);
    const got = await team.developer.client.ok<NamespaceData>('query', 'namespaces.get', {
      name: 'orders-prod',
    });
    expect(got).toEqual({ ...created, openWorkflows: 0 });

    const updated = await team.admin.client.ok<NamespaceData>('mutation', 'namespaces.update', {
      name: 'orders-prod',
      retentionDays: 14,
    });
    expect(updated).toMatchObject({ name: 'orders-prod', retentionDays: 14, description: 'Orders' });
    const described = await team.admin.client.ok<NamespaceData>('mutation', 'namespaces.update', {
      name: 'orders-prod',
      description: 'Orders, production',
    });
    expect(described).toMatchObject({ retentionDays: 14, description: 'Orders, production' });
  });

  it('refuses developers and read-only members the admin procedures with FORBIDDEN', async () => {
    for (const member of [team.developer, team.readOnly]) {
      for (const [path, input] of [
        ['namespaces.create', { name: 'not-allowed' }],
        ['namespaces.update', { name: 'orders-prod', retentionDays: 1 }],
        ['namespaces.delete', { name: 'orders-prod' }],
      ] as const) {
        const answer = await member.client.mutation(path, input);
        expect(answer.status, `${path} as ${member.email}`).toBe(403);
        expect(answer.error?.data.code).toBe('FORBIDDEN');
        expect(answer.error?.message).toMatch(/requires the admin role or higher/);
      }
    }
    expect(await server.prisma.namespace.count({ where: { name: 'not-allowed' } })).toBe(0);
    const unchanged = await server.prisma.namespace.findUniqueOrThrow({ where: { name: 'orders-prod' } });
    expect(unchanged.retentionDays).toBe(14);
    expect(unchanged.deletedAt).toBeNull();
  });

  it('answers CONFLICT for a taken name, whoever holds it (default is the system account’s)', async () => {
    for (const name of ['orders-prod', 'default']) {
      const answer = await team.admin.client.mutation('namespaces.create', { name });
      expect(answer.status).toBe(409);
      expect(answer.error?.message).toBe(`namespace name ${name} is taken`);
    }
  });

  it('counts open workflows and lists recent ones, newest first', async () => {
    await team.admin.client.ok('mutation', 'namespaces.create', { name: 'busy' });
    await startRun('busy', 'order-1');
    await startRun('busy', 'order-2');
    const got = await team.readOnly.client.ok<NamespaceData>('query', 'namespaces.get', { name: 'busy' });
    expect(got.openWorkflows).toBe(2);
    const recent = await team.readOnly.client.ok<Record<string, unknown>[]>(
      'query',
      'namespaces.recentWorkflows',
      {
        name: 'busy',
      },
    );
    expect(recent).toEqual([
      {
        workflowId: 'order-2',
        runId: expect.any(String),
        workflowType: 'ProcessOrder',
        taskQueue: 'orders',
        status: 'Running',
        startTime: expect.stringMatching(/Z$/),
        closeTime: null,
      },
      expect.objectContaining({ workflowId: 'order-1' }),
    ]);
    const limited = await team.readOnly.client.ok<unknown[]>('query', 'namespaces.recentWorkflows', {
      name: 'busy',
      limit: 1,
    });
    expect(limited).toHaveLength(1);
  });

  it('refuses to delete a namespace with open workflows unless forced, then soft-deletes it', async () => {
    const refused = await team.admin.client.mutation('namespaces.delete', { name: 'busy' });
    expect(refused.status).toBe(412);
    expect(refused.error?.data.code).toBe('PRECONDITION_FAILED');
    expect(refused.error?.message).toBe('2 open workflows; pass force to delete anyway');

    expect(
      await team.admin.client.ok('mutation', 'namespaces.delete', { name: 'busy', force: true }),
    ).toEqual({ ok: true });
    const row = await server.prisma.namespace.findUniqueOrThrow({ where: { name: 'busy' } });
    expect(row.state).toBe('deleted');
    expect(row.deletedAt).toBeInstanceOf(Date);
    const listed = await team.admin.client.ok<NamespaceData[]>('query', 'namespaces.list');
    expect(listed.map((namespace) => namespace.name)).not.toContain('busy');
    for (const [kind, path, input] of [
      ['query', 'namespaces.get', { name: 'busy' }],
      ['query', 'namespaces.recentWorkflows', { name: 'busy' }],
      ['mutation', 'namespaces.update', { name: 'busy', retentionDays: 2 }],
      ['mutation', 'namespaces.delete', { name: 'busy', force: true }],
    ] as const) {
      const answer =
        kind === 'query'
          ? await team.admin.client.query(path, input)
          : await team.admin.client.mutation(path, input);
      expect(answer.status, path).toBe(404);
      expect(answer.error?.message).toBe('namespace busy is not found');
    }
    // The name stays taken.
    expect((await team.admin.client.mutation('namespaces.create', { name: 'busy' })).status).toBe(409);
  });

  it('deletes an idle namespace without force', async () => {
    await team.admin.client.ok('mutation', 'namespaces.create', { name: 'idle' });
    expect(await team.admin.client.ok('mutation', 'namespaces.delete', { name: 'idle' })).toEqual({
      ok: true,
    });
  });
});
