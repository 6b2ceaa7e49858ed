import { lookupMessageType, operatorServiceDefinition, workflowServiceDefinition } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { operatorServicePermissions, rpcPermission, workflowServicePermissions } from './rpc-permissions.ts';

const services = [
  { name: 'WorkflowService', definition: workflowServiceDefinition, table: workflowServicePermissions },
  { name: 'OperatorService', definition: operatorServiceDefinition, table: operatorServicePermissions },
] as const;

/** The request message's field names, from the same reflection root the server decodes with. */
function requestFields(typeName: string): string[] {
  const type = lookupMessageType(typeName) as unknown as { fields?: Record<string, unknown> };
  return Object.keys(type.fields ?? {});
}

describe('the rpc permission table', () => {
  for (const { name, definition, table } of services) {
    it(`classifies every ${name} rpc of the proto, and nothing else`, () => {
      expect(Object.keys(table).sort()).toEqual(Object.keys(definition).sort());
      for (const method of Object.keys(definition)) expect(rpcPermission(name, method), method).toBeDefined();
    });

    it(`scopes a ${name} rpc to a namespace exactly when its request names one`, () => {
      for (const [method, rpc] of Object.entries(definition)) {
        // Names the namespace it creates, which no key can cover yet: an account-scoped rpc.
        if (method === 'RegisterNamespace') continue;
        const fields = requestFields(rpc.requestTypeName);
        const permission = rpcPermission(name, method);
        expect({ method, namespaced: permission?.scope === 'namespace' }).toEqual({
          method,
          namespaced: fields.includes('namespace'),
        });
      }
    });
  }

  it('knows nothing of other services or inherited names', () => {
    expect(rpcPermission('HealthService', 'Check')).toBeUndefined();
    expect(rpcPermission('WorkflowService', 'toString')).toBeUndefined();
    expect(rpcPermission('WorkflowService', 'NoSuchRpc')).toBeUndefined();
  });

  it('keeps reads read-only: every Describe/Get/List/Count rpc is a read, every Start/Signal/Terminate a write', () => {
    for (const [method, permission] of Object.entries(workflowServicePermissions)) {
      if (/^(Describe|Get|List|Count|Scan)/.test(method))
        expect({ method, ...permission }).toMatchObject({ access: 'read' });
      if (
        /^(Start|Signal|Terminate|Delete|Reset|Respond|Update)/.test(method) &&
        permission.scope === 'namespace'
      ) {
        expect({ method, ...permission }).toMatchObject({ access: expect.stringMatching(/^(write|admin)$/) });
      }
    }
    expect(workflowServicePermissions.RegisterNamespace).toEqual({ scope: 'account', access: 'admin' });
    expect(workflowServicePermissions.UpdateNamespace).toEqual({ scope: 'namespace', access: 'admin' });
  });
});
