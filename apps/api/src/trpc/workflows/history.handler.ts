import type { SessionContext } from '../context.ts';
import { historyEventView, type HistoryEventView } from './event-view.ts';
import type { HistoryInput } from './history.schema.ts';
import { decodeCursor, encodeCursor, withCursorField } from './page-cursor.ts';
import { resolveWorkflowNamespace } from './workflow-namespace.ts';

export interface HistoryPage {
  events: HistoryEventView[];
  nextCursor: string | null;
}

/** One page of a run's event history, oldest first. */
export async function historyHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: HistoryInput;
}): Promise<HistoryPage> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const nextPageToken = decodeCursor(input.cursor);
  const response = await withCursorField(() =>
    ctx.history.getWorkflowExecutionHistory(namespace, {
      namespace: namespace.name,
      execution: { workflowId: input.workflowId, runId: input.runId },
      maximumPageSize: input.pageSize,
      ...(nextPageToken ? { nextPageToken } : {}),
    }),
  );
  return {
    events: (response.history?.events ?? []).map(historyEventView),
    nextCursor: encodeCursor(response.nextPageToken),
  };
}
