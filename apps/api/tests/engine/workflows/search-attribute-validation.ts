// Workflows that upsert search attributes, for the registry checks history applies to the command.
import { upsertSearchAttributes, type SearchAttributes } from '@temporalio/workflow';

/** Upserts `attributes` in its first workflow task, then returns. */
export async function upsertAndReturn(attributes: SearchAttributes): Promise<string> {
  upsertSearchAttributes(attributes);
  return 'upserted';
}
