import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import type { NamespaceRecord } from '../../namespaces/namespace-repository.ts';
import { planNamespaceUpdate, validateNamespaceUpdate } from './namespace-update.ts';
import type { WorkflowRequest } from './workflow-rpc.ts';

const v1 = temporal.api.workflowservice.v1;
const { NamespaceState } = temporal.api.enums.v1;

/** A request as grpc-js hands it to the handler: decoded, with proto3 defaults. */
const decoded = (request: temporal.api.workflowservice.v1.UpdateNamespaceRequest.$Properties) =>
  v1.UpdateNamespaceRequest.decode(
    v1.UpdateNamespaceRequest.encode(request).finish(),
  ) as WorkflowRequest<'UpdateNamespace'>;

const current: NamespaceRecord = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'orders',
  accountId: '00000000-0000-4000-8000-000000000000',
  state: 'active',
  description: 'Orders',
  ownerEmail: 'ops@acme.test',
  data: { team: 'orders', tier: 'gold' },
  retentionDays: 30,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe('UpdateNamespace validation', () => {
  it('reads empty strings and maps as "unchanged", like Temporal', () => {
    expect(
      validateNamespaceUpdate(decoded({ namespace: 'orders', updateInfo: { description: '' } })),
    ).toEqual({
      name: 'orders',
    });
  });

  it('collects the fields to change', () => {
    const update = validateNamespaceUpdate(
      decoded({
        namespace: 'orders',
        updateInfo: { description: 'New', ownerEmail: 'me@acme.test', data: { tier: 'platinum' } },
        config: { workflowExecutionRetentionTtl: { seconds: Long.fromNumber(7 * 86_400) } },
      }),
    );
    expect(update).toEqual({
      name: 'orders',
      description: 'New',
      ownerEmail: 'me@acme.test',
      data: { tier: 'platinum' },
      retentionDays: 7,
    });
  });

  it('allows REGISTERED → DELETED only', () => {
    expect(
      validateNamespaceUpdate(
        decoded({ namespace: 'orders', updateInfo: { state: NamespaceState.NAMESPACE_STATE_DELETED } }),
      ),
    ).toMatchObject({ markDeleted: true });
    expect(() =>
      validateNamespaceUpdate(
        decoded({ namespace: 'orders', updateInfo: { state: NamespaceState.NAMESPACE_STATE_DEPRECATED } }),
      ),
    ).toThrow(expect.objectContaining({ field: 'updateInfo.state' }));
  });

  it('refuses what Kairos cannot do, naming the field', () => {
    const field = (request: temporal.api.workflowservice.v1.UpdateNamespaceRequest.$Properties) => {
      try {
        validateNamespaceUpdate(decoded({ namespace: 'orders', ...request }));
      } catch (error) {
        return (error as { field?: string }).field;
      }
      return undefined;
    };
    expect(field({ replicationConfig: { activeClusterName: 'other' } })).toBe(
      'replicationConfig.activeClusterName',
    );
    expect(
      field({ replicationConfig: { clusters: [{ clusterName: 'active' }, { clusterName: 'b' }] } }),
    ).toBe('replicationConfig.clusters');
    expect(
      field({ replicationConfig: { activeClusterName: 'active', clusters: [{ clusterName: 'active' }] } }),
    ).toBeUndefined();
    expect(field({ promoteNamespace: true })).toBe('promoteNamespace');
    expect(field({ deleteBadBinary: 'abc' })).toBe('deleteBadBinary');
    expect(field({ config: { historyArchivalState: 2 } })).toBe('config.historyArchivalState');
    expect(field({ config: { customSearchAttributeAliases: { Int01: 'Amount' } } })).toBe(
      'config.customSearchAttributeAliases',
    );
    expect(field({ namespace: '' })).toBe('namespace');
  });
});

describe('UpdateNamespace plan', () => {
  it('merges data and sets only what was asked', () => {
    expect(
      planNamespaceUpdate(current, {
        name: 'orders',
        data: { tier: 'platinum', region: 'eu' },
        retentionDays: 3,
      }),
    ).toEqual({
      data: { team: 'orders', tier: 'platinum', region: 'eu' },
      retentionDays: 3,
    });
    expect(planNamespaceUpdate(current, { name: 'orders' })).toEqual({});
    expect(planNamespaceUpdate(current, { name: 'orders', markDeleted: true })).toEqual({ state: 'deleted' });
  });

  it('refuses to touch a deleted namespace with FAILED_PRECONDITION', () => {
    expect(() =>
      planNamespaceUpdate({ ...current, state: 'deleted' }, { name: 'orders', description: 'x' }),
    ).toThrow(
      expect.objectContaining({
        code: 'FAILED_PRECONDITION',
        detail: {
          type: 'NamespaceInvalidState',
          namespace: 'orders',
          state: 'DELETED',
          allowedStates: ['REGISTERED'],
        },
      }),
    );
  });
});
