// The protobufjs root that `@temporalio/proto` ships: every `temporal.api.*` (and google.*) type and
// service, built from Temporal's .proto files by the SDK team. We read it; we never copy it.
import temporalProto from '@temporalio/proto';

/** A message type from the reflection root: what we need to put it on and take it off the wire. */
export interface ReflectedMessageType {
  readonly fullName: string;
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}

/** One rpc of a reflected service, as protobufjs describes it. */
export interface ReflectedMethod {
  readonly name: string;
  readonly requestType: string;
  readonly responseType: string;
  readonly requestStream?: boolean;
  readonly responseStream?: boolean;
  resolvedRequestType: ReflectedMessageType | null;
  resolvedResponseType: ReflectedMessageType | null;
  resolve(): ReflectedMethod;
}

export interface ReflectedService {
  /** Fully qualified, with protobufjs's leading dot: `.temporal.api.workflowservice.v1.WorkflowService`. */
  readonly fullName: string;
  readonly methodsArray: ReflectedMethod[];
}

/**
 * The part of protobufjs's `Root` API we use. The package's type declarations describe the generated
 * namespaces (`temporal.api…`) rather than the `Root` object the module really is, and its protobufjs
 * (v8) is a private copy, so we name the reflection surface ourselves instead of importing a second
 * protobufjs for its types.
 */
interface ReflectionRoot {
  lookupService(path: string): ReflectedService;
  lookupType(path: string): ReflectedMessageType;
}

const root = temporalProto as unknown as ReflectionRoot;

/** The reflected service with this fully qualified name (without a leading dot); throws when unknown. */
export function lookupService(fullName: string): ReflectedService {
  return root.lookupService(fullName);
}

/** The reflected message type with this fully qualified name (without a leading dot); throws when unknown. */
export function lookupMessageType(fullName: string): ReflectedMessageType {
  return root.lookupType(fullName);
}
