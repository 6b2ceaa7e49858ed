import { EXECUTION_STATUS_NAMES, ParseError, parseListFilter, printListFilter } from '@kairos/visibility';
import type { SessionContext } from '../context.ts';
import type { CountInput } from './count.schema.ts';
import { resolveWorkflowNamespace } from './workflow-namespace.ts';

export interface WorkflowCount {
  total: number;
  /** Every status name, with 0 for statuses no run has (the console's facets). */
  byStatus: Record<string, number>;
}

/**
 * The filter as a count by status: `GROUP BY ExecutionStatus` appended to the text as typed, so the
 * positions in error messages still point into what the user wrote. A filter with ORDER BY
 * (meaningless for a count, refused by the stores) or its own GROUP BY is printed again without them.
 */
function groupedByStatus(query: string): string {
  let parsed;
  try {
    parsed = parseListFilter(query);
  } catch (error) {
    if (error instanceof ParseError) throw error.toInvalidArgument('query');
    throw error;
  }
  if (parsed.orderBy.length === 0 && parsed.groupBy.length === 0)
    return `${query.replace(/;\s*$/, '')} GROUP BY ExecutionStatus`;
  return printListFilter({ ...parsed, orderBy: [], groupBy: [{ name: 'ExecutionStatus', position: 0 }] });
}

/** How many runs match the filter, in total and per execution status. */
export async function countHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: CountInput;
}): Promise<WorkflowCount> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const result = await ctx.visibility.count({
    namespaceId: namespace.id,
    query: groupedByStatus(input.query),
  });
  const byStatus: Record<string, number> = Object.fromEntries(
    EXECUTION_STATUS_NAMES.map((name) => [name, 0]),
  );
  for (const group of result.groups) {
    const status = group.values[0];
    if (status !== undefined) byStatus[status] = group.count;
  }
  return { total: result.count, byStatus };
}
