import { temporal, int64 } from '@kairos/proto';
import { checkUpsertSearchAttributesCommand } from '../rules/upsert-search-attributes-command.ts';
import { encodedMemo, encodedSearchAttributes } from '../state/encoded.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

type IPayload = temporal.api.common.v1.IPayload;

/**
 * UpsertWorkflowSearchAttributes: checked against the namespace's registry (an unknown name or a value
 * of the wrong type fails the workflow task with BAD_SEARCH_ATTRIBUTES), recorded in history and
 * merged into the run's attributes (an empty payload removes one, as in Temporal). The write that
 * changes them also sends the run's visibility record.
 */
export function upsertWorkflowSearchAttributes(
  context: CommandContext,
  command: temporal.api.command.v1.IUpsertWorkflowSearchAttributesCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const validated = checkUpsertSearchAttributesCommand(command, {
    currentSearchAttributes: encodedSearchAttributes.decode(mutation.state.searchAttributes)?.indexedFields,
    lookup: context.searchAttributeLookup,
  });
  if (!validated.ok) return validated;
  mutation.append('upsertWorkflowSearchAttributes', {
    searchAttributes: { indexedFields: validated.attributes.upserted },
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  mutation.state.searchAttributes = encodedSearchAttributes.encode({
    indexedFields: validated.attributes.merged,
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
