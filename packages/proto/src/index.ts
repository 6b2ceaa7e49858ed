// @kairos/proto: Temporal's public API (`temporal.api.*`) from the @temporalio/proto package, as
// grpc-js service definitions built by reflection and as TypeScript types.
export { google, temporal } from './temporal-api.js';
export { default as Long } from 'long';
export {
  buildServiceDefinition,
  operatorServiceDefinition,
  operatorServiceName,
  workflowServiceDefinition,
  workflowServiceName,
  type TemporalMethodDefinition,
  type TemporalServiceDefinition,
} from './service-definition.ts';
export type {
  OperatorServiceMethodName,
  OperatorServiceMethods,
  WorkflowServiceMethodName,
  WorkflowServiceMethods,
} from './service-types.ts';
export { lookupMessageType, type ReflectedMessageType } from './temporal-root.ts';
export {
  durationToMs,
  int64,
  int64ToNumber,
  msToDuration,
  msToTimestamp,
  timestampToMs,
  type DurationLike,
  type Int64Like,
} from './convert.ts';
