import { InvalidArgument } from '@kairos/errors';
import { checkBlobSize, payloadsSize } from '@kairos/history/rules';
import type { temporal } from '@kairos/proto';

/**
 * Field checks shared by the workflow rpcs (Temporal's frontend does the same before routing): ids
 * present and bounded, run ids well-formed, payloads within the 2 MB blob limit. Each error names the
 * field as the request spells it.
 */
export const MAX_ID_BYTES = 1000;
const RUN_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireId(value: string | null | undefined, field: string): string {
  if (!value) throw InvalidArgument.forField(field, 'must not be empty');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_ID_BYTES)
    throw InvalidArgument.forField(field, `must be at most ${MAX_ID_BYTES} bytes, got ${bytes}`);
  return value;
}

/** An optional run id: empty means the current run; anything else must be a UUID. */
export function optionalRunId(value: string | null | undefined, field: string): string | undefined {
  if (!value) return undefined;
  if (!RUN_ID_PATTERN.test(value))
    throw InvalidArgument.forField(field, `is not a valid run id: ${JSON.stringify(value)}`);
  return value;
}

export function requireExecution(
  execution: temporal.api.common.v1.IWorkflowExecution | null | undefined,
  field: string,
): { workflowId: string; runId: string | undefined } {
  if (!execution) throw InvalidArgument.forField(field, 'must be set');
  return {
    workflowId: requireId(execution.workflowId, `${field}.workflowId`),
    runId: optionalRunId(execution.runId, `${field}.runId`),
  };
}

export function requireTaskQueueName(
  taskQueue: temporal.api.taskqueue.v1.ITaskQueue | null | undefined,
  field = 'taskQueue',
): string {
  return requireId(taskQueue?.name, `${field}.name`);
}

export function requireTaskToken(token: Uint8Array | null | undefined): Uint8Array {
  if (!token || token.length === 0) throw InvalidArgument.forField('taskToken', 'must not be empty');
  return token;
}

/** A payload field within Temporal's 2 MB blob limit (history's rule, so api and engine agree). */
export function checkPayloadsSize(
  payloads: temporal.api.common.v1.IPayloads | null | undefined,
  field: string,
): void {
  checkBlobSize(field, payloadsSize(payloads));
}
