import { Client, Connection, NamespaceNotFoundError } from '@temporalio/client';
import { rethrowKnownErrorTypes } from '@temporalio/client/lib/helpers.js';
import { Long, temporal } from '@kairos/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiUnderTest, type ApiUnderTest } from './support/api-under-test.ts';
import { failureDetail, grpcError } from './support/grpc-error.ts';

const { NamespaceState, ArchivalState, ReplicationState } = temporal.api.enums.v1;
const days = (count: number) => ({ seconds: Long.fromNumber(count * 24 * 60 * 60) });

describe('namespaces through the official TypeScript SDK', () => {
  let server: ApiUnderTest;
  let connection: Connection;

  beforeAll(async () => {
    server = await startApiUnderTest('namespaces');
    connection = await Connection.connect({ address: server.address });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('connects (GetSystemInfo) and declares only the capabilities the engine implements', async () => {
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^\d+\.\d+\.\d+/);
    const capabilities = (info.capabilities ?? {}) as Record<string, unknown>;
    const declared = Object.keys(capabilities).filter((name) => capabilities[name] === true);
    expect(declared.sort()).toEqual([
      'activityFailureIncludeHeartbeat',
      'encodedFailureAttributes',
      'sdkMetadata',
      'signalAndQueryHeader',
      'upsertMemo',
    ]);
  });

  it('describes the default namespace the api created, filled as Temporal fills it', async () => {
    const client = new Client({ connection, namespace: 'default' });
    const described = await client.workflowService.describeNamespace({ namespace: 'default' });
    expect(described.namespaceInfo).toMatchObject({
      name: 'default',
      state: NamespaceState.NAMESPACE_STATE_REGISTERED,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(Long.fromValue(described.config!.workflowExecutionRetentionTtl!.seconds!).toNumber()).toBe(
      30 * 86_400,
    );
    expect(described.config).toMatchObject({
      historyArchivalState: ArchivalState.ARCHIVAL_STATE_DISABLED,
      visibilityArchivalState: ArchivalState.ARCHIVAL_STATE_DISABLED,
    });
    expect(described.replicationConfig).toMatchObject({
      activeClusterName: 'active',
      clusters: [{ clusterName: 'active' }],
      state: ReplicationState.REPLICATION_STATE_NORMAL,
    });
    expect(described.isGlobalNamespace).toBe(false);
    expect(Long.fromValue(described.failoverVersion).toNumber()).toBe(0);

    const byId = await connection.workflowService.describeNamespace({ id: described.namespaceInfo!.id! });
    expect(byId.namespaceInfo?.name).toBe('default');
  });

  it('registers, describes, updates and lists a namespace', async () => {
    const service = connection.workflowService;
    await service.registerNamespace({
      namespace: 'orders-prod',
      description: 'Order processing',
      ownerEmail: 'ops@acme.test',
      data: { team: 'orders', tier: 'gold' },
      workflowExecutionRetentionPeriod: days(7),
    });
    const described = await service.describeNamespace({ namespace: 'orders-prod' });
    expect(described.namespaceInfo).toMatchObject({
      name: 'orders-prod',
      description: 'Order processing',
      ownerEmail: 'ops@acme.test',
      data: { team: 'orders', tier: 'gold' },
    });
    expect(Long.fromValue(described.config!.workflowExecutionRetentionTtl!.seconds!).toNumber()).toBe(
      7 * 86_400,
    );

    const updated = await service.updateNamespace({
      namespace: 'orders-prod',
      updateInfo: { description: 'Orders, production', data: { tier: 'platinum', region: 'eu' } },
      config: { workflowExecutionRetentionTtl: days(14) },
    });
    expect(updated.namespaceInfo).toMatchObject({
      description: 'Orders, production',
      ownerEmail: 'ops@acme.test', // empty fields in an update leave values unchanged, as in Temporal
      data: { team: 'orders', tier: 'platinum', region: 'eu' }, // merged
    });
    expect(Long.fromValue(updated.config!.workflowExecutionRetentionTtl!.seconds!).toNumber()).toBe(
      14 * 86_400,
    );
    const reread = await service.describeNamespace({ namespace: 'orders-prod' });
    expect(reread.namespaceInfo?.description).toBe('Orders, production');

    const listed = await service.listNamespaces({});
    expect(listed.namespaces.map((namespace) => namespace.namespaceInfo?.name)).toEqual([
      'default',
      'orders-prod',
    ]);
    expect(listed.nextPageToken).toHaveLength(0);
  });

  it('pages ListNamespaces in name order with a token, without repeats or gaps', async () => {
    const names = ['page-c', 'page-a', 'page-e', 'page-b', 'page-d'];
    for (const namespace of names) await connection.workflowService.registerNamespace({ namespace });
    const seen: string[] = [];
    let nextPageToken: Uint8Array | undefined;
    let pages = 0;
    do {
      const page = await connection.workflowService.listNamespaces({ pageSize: 2, nextPageToken });
      expect(page.namespaces.length).toBeLessThanOrEqual(2);
      seen.push(...page.namespaces.map((namespace) => namespace.namespaceInfo!.name!));
      nextPageToken = page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
      pages += 1;
    } while (nextPageToken && pages < 10);
    const expected = [...seen].sort();
    expect(seen).toEqual(expected);
    expect(seen.filter((name) => name.startsWith('page-'))).toEqual([
      'page-a',
      'page-b',
      'page-c',
      'page-d',
      'page-e',
    ]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers NOT_FOUND with NamespaceNotFoundFailure for an unknown namespace', async () => {
    const error = await grpcError(connection.workflowService.describeNamespace({ namespace: 'no-such-ns' }));
    expect(error.code).toBe(5); // NOT_FOUND
    expect(error.details).toBe('Namespace no-such-ns is not found.');
    const detail = failureDetail(error);
    expect(detail?.typeUrl).toBe('type.googleapis.com/temporal.api.errordetails.v1.NamespaceNotFoundFailure');
    expect(temporal.api.errordetails.v1.NamespaceNotFoundFailure.decode(detail!.value!).namespace).toBe(
      'no-such-ns',
    );
    // The SDK's own decoder turns it into its typed error.
    expect(() => rethrowKnownErrorTypes(error)).toThrow(NamespaceNotFoundError);

    const update = await grpcError(
      connection.workflowService.updateNamespace({
        namespace: 'no-such-ns',
        updateInfo: { description: 'x' },
      }),
    );
    expect(update.code).toBe(5);
  });

  it('answers ALREADY_EXISTS with NamespaceAlreadyExistsFailure for a duplicate', async () => {
    await connection.workflowService.registerNamespace({ namespace: 'billing' });
    const error = await grpcError(connection.workflowService.registerNamespace({ namespace: 'billing' }));
    expect(error.code).toBe(6); // ALREADY_EXISTS
    expect(error.details).toBe('Namespace "billing" already exists');
    expect(failureDetail(error)?.typeUrl).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.NamespaceAlreadyExistsFailure',
    );
  });

  it('answers INVALID_ARGUMENT naming the field for bad names and retention', async () => {
    const register = (request: temporal.api.workflowservice.v1.RegisterNamespaceRequest.$Properties) =>
      grpcError(connection.workflowService.registerNamespace(request));
    const cases: [Promise<{ code: number; details: string }>, RegExp][] = [
      [register({ namespace: '' }), /^namespace: must not be empty$/],
      [register({ namespace: 'Orders' }), /^namespace: must start with a lowercase letter/],
      [register({ namespace: 'x' }), /^namespace: must be 2 to 39 characters, got 1$/],
      [register({ namespace: 'a'.repeat(40) }), /^namespace: must be 2 to 39 characters, got 40$/],
      [
        register({ namespace: 'ok-name', workflowExecutionRetentionPeriod: days(91) }),
        /^workflowExecutionRetentionPeriod: must be between 1 and 90 days, got 91 days$/,
      ],
      [
        register({
          namespace: 'ok-name',
          workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(3600) },
        }),
        /^workflowExecutionRetentionPeriod: must be a whole number of days/,
      ],
      [register({ namespace: 'ok-name', isGlobalNamespace: true }), /^isGlobalNamespace: /],
      [grpcError(connection.workflowService.describeNamespace({})), /^namespace: must not be empty$/],
      [
        grpcError(connection.workflowService.describeNamespace({ namespace: 'n'.repeat(1001) })),
        /^namespace: must be at most 1000 characters, got 1001$/,
      ],
      [grpcError(connection.workflowService.describeNamespace({ id: 'not-a-uuid' })), /^id: must be a UUID/],
      [
        grpcError(connection.workflowService.listNamespaces({ nextPageToken: Buffer.from('forged') })),
        /^nextPageToken: /,
      ],
      [
        grpcError(
          connection.workflowService.updateNamespace({
            namespace: 'default',
            config: { workflowExecutionRetentionTtl: days(0) },
          }),
        ),
        /^config\.workflowExecutionRetentionTtl: must be between 1 and 90 days, got 0 days$/,
      ],
    ];
    for (const [call, message] of cases) {
      const error = await call;
      expect({ code: error.code, details: error.details }).toEqual({
        code: 3,
        details: expect.stringMatching(message),
      });
    }
    const listed = await connection.workflowService.listNamespaces({});
    expect(listed.namespaces.map((namespace) => namespace.namespaceInfo?.name)).not.toContain('ok-name');
  });

  it('soft-deletes: DELETED in describe, hidden from list unless asked, FAILED_PRECONDITION to update', async () => {
    await connection.workflowService.registerNamespace({ namespace: 'to-delete' });
    const deleted = await connection.workflowService.updateNamespace({
      namespace: 'to-delete',
      updateInfo: { state: NamespaceState.NAMESPACE_STATE_DELETED },
    });
    expect(deleted.namespaceInfo?.state).toBe(NamespaceState.NAMESPACE_STATE_DELETED);
    const described = await connection.workflowService.describeNamespace({ namespace: 'to-delete' });
    expect(described.namespaceInfo?.state).toBe(NamespaceState.NAMESPACE_STATE_DELETED);

    const names = async (includeDeleted: boolean) =>
      (
        await connection.workflowService.listNamespaces({ namespaceFilter: { includeDeleted } })
      ).namespaces.map((namespace) => namespace.namespaceInfo?.name);
    expect(await names(false)).not.toContain('to-delete');
    expect(await names(true)).toContain('to-delete');

    const error = await grpcError(
      connection.workflowService.updateNamespace({
        namespace: 'to-delete',
        updateInfo: { description: 'revive?' },
      }),
    );
    expect(error.code).toBe(9); // FAILED_PRECONDITION
    expect(error.details).toBe('Namespace has invalid state: Deleted. Must be Registered.');
    const detail = failureDetail(error);
    expect(detail?.typeUrl).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.NamespaceInvalidStateFailure',
    );
    expect(temporal.api.errordetails.v1.NamespaceInvalidStateFailure.decode(detail!.value!)).toMatchObject({
      namespace: 'to-delete',
      state: NamespaceState.NAMESPACE_STATE_DELETED,
      allowedStates: [NamespaceState.NAMESPACE_STATE_REGISTERED],
    });
    // The name stays taken until the namespace is purged.
    expect(
      (await grpcError(connection.workflowService.registerNamespace({ namespace: 'to-delete' }))).code,
    ).toBe(6);
  });
});
