// Compile-time view of the services: for each rpc name, the decoded request a handler receives and the
// plain response object it returns. Derived from the package's generated declarations, so a handler
// for a renamed or removed rpc stops compiling.
import type { temporal } from '@temporalio/proto';

/** What the generated declarations say about each rpc member of a service class. */
interface RpcMember {
  readonly name: string;
  readonly path: string;
  readonly requestType: string;
  readonly responseType: string;
}

/** A generated message class: decode gives the message, encode takes the plain shape. */
interface MessageClass {
  decode(reader: Uint8Array): object;
  encode(message: never): unknown;
}

type RpcMembers<Service> = {
  [K in keyof Service as Service[K] extends RpcMember ? K : never]: Service[K];
};

/** Maps `RpcName` → `{ request; response }` for a service class and the package namespace of its messages. */
type MethodTypes<Service, Package> = {
  [
    K in keyof RpcMembers<Service> as RpcMembers<Service>[K] extends RpcMember
      ? RpcMembers<Service>[K]['name']
      : never
  ]: RpcMembers<Service>[K] extends RpcMember
    ? MessagePair<Package, RpcMembers<Service>[K]['requestType'], RpcMembers<Service>[K]['responseType']>
    : never;
};

type MessagePair<Package, RequestName, ResponseName> = RequestName extends keyof Package
  ? ResponseName extends keyof Package
    ? Package[RequestName] extends MessageClass
      ? Package[ResponseName] extends MessageClass
        ? {
            request: ReturnType<Package[RequestName]['decode']>;
            response: Parameters<Package[ResponseName]['encode']>[0];
          }
        : never
      : never
    : never
  : never;

type WorkflowServicePackage = typeof temporal.api.workflowservice.v1;
type OperatorServicePackage = typeof temporal.api.operatorservice.v1;

export type WorkflowServiceMethods = MethodTypes<
  temporal.api.workflowservice.v1.WorkflowService,
  WorkflowServicePackage
>;
export type OperatorServiceMethods = MethodTypes<
  temporal.api.operatorservice.v1.OperatorService,
  OperatorServicePackage
>;

/** `'DescribeNamespace' | 'StartWorkflowExecution' | …` */
export type WorkflowServiceMethodName = keyof WorkflowServiceMethods;
export type OperatorServiceMethodName = keyof OperatorServiceMethods;
