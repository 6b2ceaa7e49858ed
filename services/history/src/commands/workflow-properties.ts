import { temporal, int64 } from '@kairos/proto';
import { encodedMemo, encodedSearchAttributes } from '../state/encoded.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

type IPayload = temporal.api.common.v1.IPayload;

/**
 * UpsertWorkflowSearchAttributes: recorded in history and merged into the run's attributes (an empty
 * payload removes one, as in Temporal). Indexing for list queries arrives with visibility.
 */
export function upsertWorkflowSearchAttributes(
  context: CommandContext,
  command: temporal.api.command.v1.IUpsertWorkflowSearchAttributesCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const upserted = command.searchAttributes?.indexedFields ?? {};
  mutation.append('upsertWorkflowSearchAttributes', {
    searchAttributes: { indexedFields: upserted },
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  const current = encodedSearchAttributes.decode(mutation.state.searchAttributes)?.indexedFields ?? {};
  mutation.state.searchAttributes = encodedSearchAttributes.encode({
    indexedFields: merge(current, upserted),
  });
  return undefined;
}

/** ModifyWorkflowProperties: WorkflowPropertiesModified and the memo merged. */
export function modifyWorkflowProperties(
  context: CommandContext,
  command: temporal.api.command.v1.IModifyWorkflowPropertiesCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const upserted = command.upsertedMemo?.fields ?? {};
  mutation.append('workflowPropertiesModified', {
    upsertedMemo: { fields: upserted },
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  const current = encodedMemo.decode(mutation.state.memo)?.fields ?? {};
  mutation.state.memo = encodedMemo.encode({ fields: merge(current, upserted) });
  return undefined;
}

function merge(
  current: Record<string, IPayload>,
  upserted: Record<string, IPayload>,
): Record<string, IPayload> {
  const merged = { ...current };
  for (const [name, value] of Object.entries(upserted)) {
    if (!value.data || value.data.length === 0) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}
