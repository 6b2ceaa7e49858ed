import type { WorkflowServiceMethods } from '@kairos/proto';
import type { NamespaceRepository } from '../../namespaces/namespace-repository.ts';
import type { ServiceHandlers } from '../service-router.ts';
import { describeNamespace } from './describe-namespace.ts';
import { getSystemInfo } from './get-system-info.ts';
import { listNamespaces } from './list-namespaces.ts';
import { registerNamespace } from './register-namespace.ts';
import { updateNamespace } from './update-namespace.ts';

export interface WorkflowServiceDependencies {
  namespaces: NamespaceRepository;
}

/** The WorkflowService rpcs Kairos serves, one file each; every other rpc answers UNIMPLEMENTED. */
export function workflowServiceHandlers(
  dependencies: WorkflowServiceDependencies,
): ServiceHandlers<WorkflowServiceMethods> {
  return {
    GetSystemInfo: getSystemInfo(),
    DescribeNamespace: describeNamespace(dependencies),
    ListNamespaces: listNamespaces(dependencies),
    RegisterNamespace: registerNamespace(dependencies),
    UpdateNamespace: updateNamespace(dependencies),
  };
}
