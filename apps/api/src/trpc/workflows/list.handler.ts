import type { SessionContext } from '../context.ts';
import type { ListInput } from './list.schema.ts';
import { decodeCursor, encodeCursor, withCursorField } from './page-cursor.ts';
import { resolveWorkflowNamespace } from './workflow-namespace.ts';
import { toWorkflowRow, type WorkflowRow } from './workflow-row.ts';

export interface WorkflowPage {
  rows: WorkflowRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of the namespace's runs matching a list filter (Temporal's default order unless the
 * filter has ORDER BY). A bad filter answers BAD_REQUEST with `fieldErrors.query` naming the position.
 */
export async function listHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: ListInput;
}): Promise<WorkflowPage> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const pageToken = decodeCursor(input.cursor);
  const result = await withCursorField(() =>
    ctx.visibility.list({
      namespaceId: namespace.id,
      query: input.query,
      pageSize: input.pageSize,
      ...(pageToken ? { pageToken } : {}),
    }),
  );
  return { rows: result.records.map(toWorkflowRow), nextCursor: encodeCursor(result.nextPageToken) };
}
