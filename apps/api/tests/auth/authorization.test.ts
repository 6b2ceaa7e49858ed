import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcError } from '../support/grpc-error.ts';
import { startAuthApiUnderTest, type AuthApiUnderTest } from './support/auth-api-under-test.ts';

const PERMISSION_DENIED = 7;
const NOT_FOUND = 5;

describe('authorization of API keys by namespace and role', () => {
  let server: AuthApiUnderTest;
  let acme: string;
  let acmeProd: string;
  let acmeStaging: string;
  let globex: string;

  beforeAll(async () => {
    server = await startAuthApiUnderTest('auth_authz');
    acme = await server.tenants.account('Acme');
    acmeProd = await server.tenants.namespace(acme, 'acme-prod');
    acmeStaging = await server.tenants.namespace(acme, 'acme-staging');
    globex = await server.tenants.account('Globex');
    await server.tenants.namespace(globex, 'globex-prod');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a key scoped to other namespaces with PERMISSION_DENIED naming the namespace', async () => {
    const { key } = await server.tenants.key({ accountId: acme, namespaceIds: [acmeProd] });
    const connection = server.connect(key);
    await connection.workflowService.describeNamespace({ namespace: 'acme-prod' });
    const error = await grpcError(
      connection.workflowService.describeNamespace({ namespace: 'acme-staging' }),
    );
    expect(error.code).toBe(PERMISSION_DENIED);
    expect(error.details).toBe('Request unauthorized: this API key may not use namespace acme-staging.');
  });

  it("answers another account's namespace exactly as a namespace that does not exist", async () => {
    const { key } = await server.tenants.key({ accountId: acme });
    const connection = server.connect(key);
    const other = await grpcError(connection.workflowService.describeNamespace({ namespace: 'globex-prod' }));
    const missing = await grpcError(
      connection.workflowService.describeNamespace({ namespace: 'globex-nope' }),
    );
    expect([other.code, missing.code]).toEqual([PERMISSION_DENIED, PERMISSION_DENIED]);
    expect(other.details.replace('globex-prod', '<ns>')).toBe(missing.details.replace('globex-nope', '<ns>'));
    const globexId = (await server.prisma.namespace.findUniqueOrThrow({ where: { name: 'globex-prod' } })).id;
    const byId = await grpcError(connection.workflowService.describeNamespace({ id: globexId }));
    expect(byId.code).toBe(PERMISSION_DENIED);
  });

  it('lets a read_only key describe but not start a workflow (PERMISSION_DENIED naming the rpc)', async () => {
    const { key } = await server.tenants.key({ accountId: acme, role: 'read_only' });
    const connection = server.connect(key);
    const client = new Client({ connection, namespace: 'acme-prod' });
    const error = await grpcError(
      client.workflow
        .start('anyWorkflow', { taskQueue: 'read-only', workflowId: 'read-only-start' })
        .catch((wrapped: Error) => Promise.reject(wrapped.cause)),
    );
    expect(error.code).toBe(PERMISSION_DENIED);
    expect(error.details).toBe(
      'Request unauthorized: the read_only role may not call WorkflowService/StartWorkflowExecution.',
    );
    const described = await connection.workflowService.describeNamespace({ namespace: 'acme-prod' });
    expect(described.namespaceInfo?.name).toBe('acme-prod');
    expect((await connection.workflowService.getSystemInfo({})).serverVersion).toBeTruthy();
  });

  it('lists only the namespaces the key may use', async () => {
    const names = async (key: string) =>
      (await server.connect(key).workflowService.listNamespaces({})).namespaces
        .map((namespace) => namespace.namespaceInfo?.name)
        .sort();
    const all = await server.tenants.key({ accountId: acme });
    const scoped = await server.tenants.key({ accountId: acme, namespaceIds: [acmeStaging] });
    const other = await server.tenants.key({ accountId: globex, role: 'read_only' });
    expect(await names(all.key)).toEqual(['acme-prod', 'acme-staging']);
    expect(await names(scoped.key)).toEqual(['acme-staging']);
    expect(await names(other.key)).toEqual(['globex-prod']);
  });

  it("registers namespaces in the key's account, for admins with an all-namespaces key only", async () => {
    const admin = await server.tenants.key({ accountId: acme });
    await server.connect(admin.key).workflowService.registerNamespace({ namespace: 'acme-new' });
    const created = await server.prisma.namespace.findUniqueOrThrow({ where: { name: 'acme-new' } });
    expect(created.accountId).toBe(acme);
    expect(
      (await server.connect(admin.key).workflowService.describeNamespace({ namespace: 'acme-new' }))
        .namespaceInfo?.name,
    ).toBe('acme-new');

    const developer = await server.tenants.key({ accountId: acme, role: 'developer' });
    const refused = await grpcError(
      server.connect(developer.key).workflowService.registerNamespace({ namespace: 'acme-dev' }),
    );
    expect(refused.code).toBe(PERMISSION_DENIED);
    expect(refused.details).toMatch(/the developer role may not call WorkflowService\/RegisterNamespace/);

    const scopedAdmin = await server.tenants.key({ accountId: acme, namespaceIds: [acmeProd] });
    const scopedRefused = await grpcError(
      server.connect(scopedAdmin.key).workflowService.registerNamespace({ namespace: 'acme-scoped' }),
    );
    expect(scopedRefused.code).toBe(PERMISSION_DENIED);
    expect(
      await server.prisma.namespace.count({ where: { name: { in: ['acme-dev', 'acme-scoped'] } } }),
    ).toBe(0);
  });

  it('answers NOT_FOUND for a namespace its own account deleted in the console', async () => {
    const id = await server.tenants.namespace(acme, 'acme-gone');
    const { key } = await server.tenants.key({ accountId: acme });
    const connection = server.connect(key);
    await connection.workflowService.describeNamespace({ namespace: 'acme-gone' });
    await server.prisma.namespace.update({
      where: { id },
      data: { state: 'deleted', deletedAt: new Date() },
    });
    // Within the resolver's 2 s cache every workflow rpc answers NOT_FOUND too.
    const start = () =>
      connection.workflowService
        .startWorkflowExecution({
          namespace: 'acme-gone',
          workflowId: 'gone',
          workflowType: { name: 'anyWorkflow' },
          taskQueue: { name: 'gone' },
          requestId: 'f0c3f6a4-5d7e-4f43-9d1e-6b2a7c1d0e9f',
        })
        .then(
          () => 'started',
          (error: { code: number }) => error.code,
        );
    await expect.poll(start, { timeout: 5_000, interval: 100 }).toBe(NOT_FOUND);
    const described = await grpcError(
      connection.workflowService.describeNamespace({ namespace: 'acme-gone' }),
    );
    expect(described.code).toBe(NOT_FOUND);
    const listed = (
      await connection.workflowService.listNamespaces({ namespaceFilter: { includeDeleted: true } })
    ).namespaces;
    expect(listed.map((namespace) => namespace.namespaceInfo?.name)).not.toContain('acme-gone');
  });
});
