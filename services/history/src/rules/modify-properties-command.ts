import type { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, rejectCommand, type CommandCheck } from './command-outcome.ts';
import { mergePayloadMap } from './payload-map-merge.ts';
import { memoSize, memoSizeLimits, payloadMapDataSize, sizeVerdict } from './payload-limits.ts';

type Payload = temporal.api.common.v1.IPayload;
const at = 'modifyWorkflowPropertiesCommandAttributes';
const badAttributes =
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_MODIFY_WORKFLOW_PROPERTIES_ATTRIBUTES;

export interface ModifyPropertiesContext {
  /** The run's memo fields before this command (after earlier commands of the same task). */
  currentMemo: Record<string, Payload> | null | undefined;
}

export interface MemoUpsert {
  /** What the WorkflowPropertiesModified event records. */
  upserted: Record<string, Payload>;
  /** The run's memo afterwards (null and `[]` values remove a key). */
  merged: Record<string, Payload>;
}

/**
 * A ModifyWorkflowProperties command (today: upserting memo fields) as Temporal checks it:
 * attributes, upsertedMemo and at least one field present, else the task fails with
 * BAD_MODIFY_WORKFLOW_PROPERTIES_ATTRIBUTES; the upsert's keys and data over 2 MB, or the merged memo
 * over the 2 MB memo limit, terminate the run.
 */
export function checkModifyWorkflowPropertiesCommand(
  attributes: temporal.api.command.v1.IModifyWorkflowPropertiesCommandAttributes | null | undefined,
  context: ModifyPropertiesContext,
): CommandCheck<MemoUpsert> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  if (!attributes.upsertedMemo) return rejectCommand(badAttributes, `${at}.upsertedMemo`, 'must be set');
  const upserted: Record<string, Payload> = {};
  for (const [key, payload] of Object.entries(attributes.upsertedMemo.fields ?? {})) {
    if (payload) upserted[key] = payload;
  }
  if (Object.keys(upserted).length === 0) {
    return rejectCommand(badAttributes, `${at}.upsertedMemo.fields`, 'must not be empty');
  }
  const upsertSize = payloadMapDataSize(upserted);
  if (sizeVerdict(upsertSize) === 'error') {
    return rejectCommand(
      badAttributes,
      `${at}.upsertedMemo`,
      `is ${upsertSize} bytes, over the blob size limit`,
      {
        terminatesWorkflow: true,
      },
    );
  }
  const merged = mergePayloadMap(context.currentMemo, upserted);
  const mergedSize = memoSize({ fields: merged });
  if (sizeVerdict(mergedSize, memoSizeLimits) === 'error') {
    return rejectCommand(
      badAttributes,
      `${at}.upsertedMemo`,
      `the memo would be ${mergedSize} bytes, over the memo size limit`,
      {
        terminatesWorkflow: true,
      },
    );
  }
  return { ok: true, attributes: { upserted, merged } };
}
