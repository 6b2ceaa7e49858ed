import type { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, rejectCommand, type CommandCheck } from './command-outcome.ts';
import { mergePayloadMap } from './payload-map-merge.ts';
import { payloadMapDataSize, sizeVerdict } from './payload-limits.ts';
import { searchAttributesCountProblem, searchAttributesSizeProblem } from './search-attribute-limits.ts';
import { searchAttributeProblem, type SearchAttributeLookup } from './search-attribute-value.ts';

type Payload = temporal.api.common.v1.IPayload;
const at = 'upsertWorkflowSearchAttributesCommandAttributes';
const badSearchAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES;

export interface UpsertSearchAttributesContext {
  /** The run's search attributes before this command (after earlier commands of the same task). */
  currentSearchAttributes: Record<string, Payload> | null | undefined;
  /** The namespace's attribute types; without it names and value types go unchecked. */
  lookup?: SearchAttributeLookup;
}

export interface SearchAttributesUpsert {
  /** What the UpsertWorkflowSearchAttributes event records. */
  upserted: Record<string, Payload>;
  /** The run's attributes afterwards (null and `[]` values remove a key). */
  merged: Record<string, Payload>;
}

/**
 * An UpsertWorkflowSearchAttributes command as Temporal checks it. Bad input fails the workflow task
 * (BAD_SEARCH_ATTRIBUTES): attributes, searchAttributes and at least one indexed field present, at
 * most 100 of them, each registered, not a system attribute, and of its type. Sizes terminate the
 * run instead: the upsert's keys and data over 2 MB, or the merged attributes over Temporal's
 * per-value (2 KB) or total (40 KB) limits.
 */
export function checkUpsertSearchAttributesCommand(
  attributes: temporal.api.command.v1.IUpsertWorkflowSearchAttributesCommandAttributes | null | undefined,
  context: UpsertSearchAttributesContext,
): CommandCheck<SearchAttributesUpsert> {
  if (!attributes) return rejectCommand(badSearchAttributes, at, 'must be set');
  if (!attributes.searchAttributes)
    return rejectCommand(badSearchAttributes, `${at}.searchAttributes`, 'must be set');
  const fields = `${at}.searchAttributes`;
  const upserted: Record<string, Payload> = {};
  for (const [name, payload] of Object.entries(attributes.searchAttributes.indexedFields ?? {})) {
    if (payload) upserted[name] = payload;
  }
  if (Object.keys(upserted).length === 0) {
    return rejectCommand(badSearchAttributes, `${fields}.indexedFields`, 'must not be empty');
  }
  const tooMany = searchAttributesCountProblem(upserted);
  if (tooMany) return rejectCommand(badSearchAttributes, `${fields}.${tooMany.field}`, tooMany.problem);
  if (context.lookup) {
    for (const [name, payload] of Object.entries(upserted)) {
      const problem = searchAttributeProblem(name, payload, context.lookup);
      if (problem) return rejectCommand(badSearchAttributes, `${fields}.indexedFields.${name}`, problem);
    }
  }

  const upsertSize = payloadMapDataSize(upserted);
  if (sizeVerdict(upsertSize) === 'error') {
    return rejectCommand(
      badSearchAttributes,
      `${fields}.indexedFields`,
      `is ${upsertSize} bytes, over the blob size limit`,
      {
        terminatesWorkflow: true,
      },
    );
  }
  const merged = mergePayloadMap(context.currentSearchAttributes, upserted);
  const tooBig = searchAttributesSizeProblem(merged);
  if (tooBig) {
    return rejectCommand(
      badSearchAttributes,
      `${fields}.${tooBig.field}`,
      `with the run's attributes, ${tooBig.problem}`,
      {
        terminatesWorkflow: true,
      },
    );
  }
  return { ok: true, attributes: { upserted, merged } };
}
