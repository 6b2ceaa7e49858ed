import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { lookupService, type ReflectedMessageType } from './temporal-root.ts';

/** The Temporal services Kairos serves, by their fully qualified protobuf names. */
export const workflowServiceName = 'temporal.api.workflowservice.v1.WorkflowService';
export const operatorServiceName = 'temporal.api.operatorservice.v1.OperatorService';

/** A grpc-js method definition plus the names a router needs to find the handler and report on it. */
export interface TemporalMethodDefinition extends MethodDefinition<object, object> {
  /** The rpc name as declared in the .proto file, e.g. `StartWorkflowExecution`. */
  readonly methodName: string;
  /** e.g. `temporal.api.workflowservice.v1.StartWorkflowExecutionRequest`. */
  readonly requestTypeName: string;
  readonly responseTypeName: string;
}

/** Keyed by the rpc name (`DescribeNamespace`), which is also what grpc-js matches implementations by. */
export type TemporalServiceDefinition = ServiceDefinition & {
  readonly [methodName: string]: TemporalMethodDefinition;
};

function resolved(type: ReflectedMessageType | null, what: string): ReflectedMessageType {
  if (!type) throw new Error(`protobuf reflection left ${what} unresolved`);
  return type;
}

/**
 * Builds the grpc-js service definition for one service of the `@temporalio/proto` root, from its
 * reflection: every rpc the package knows, at `/<service>/<Method>`, with the streaming flags as
 * declared, (de)serialised by the generated message types. A newer `@temporalio/proto` therefore brings
 * its new rpcs along (and they answer UNIMPLEMENTED until a handler exists).
 */
export function buildServiceDefinition(serviceName: string): TemporalServiceDefinition {
  const service = lookupService(serviceName);
  const definition: Record<string, TemporalMethodDefinition> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const requestType = resolved(method.resolvedRequestType, `${serviceName}.${method.name} request`);
    const responseType = resolved(method.resolvedResponseType, `${serviceName}.${method.name} response`);
    const encode = (type: ReflectedMessageType) => (message: object) =>
      Buffer.from(type.encode(message).finish());
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      methodName: method.name,
      requestTypeName: requestType.fullName.replace(/^\./, ''),
      responseTypeName: responseType.fullName.replace(/^\./, ''),
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: encode(requestType),
      requestDeserialize: (bytes: Buffer) => requestType.decode(bytes),
      responseSerialize: encode(responseType),
      responseDeserialize: (bytes: Buffer) => responseType.decode(bytes),
      // grpc-js falls back to this key when looking up an implementation (its generated clients use it).
      originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
    };
  }
  return definition;
}

/** `temporal.api.workflowservice.v1.WorkflowService`, every rpc. */
export const workflowServiceDefinition: TemporalServiceDefinition =
  buildServiceDefinition(workflowServiceName);
/** `temporal.api.operatorservice.v1.OperatorService`, every rpc. */
export const operatorServiceDefinition: TemporalServiceDefinition =
  buildServiceDefinition(operatorServiceName);
