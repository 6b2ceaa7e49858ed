import { temporal } from '@kairos/proto';
import type { SessionContext } from '../context.ts';
import { describeView, type WorkflowDescription } from './describe-view.ts';
import type { DescribeInput } from './describe.schema.ts';
import { resolveWorkflowNamespace } from './workflow-namespace.ts';

const { HistoryEventFilterType } = temporal.api.enums.v1;

/**
 * A run's summary for its page: DescribeWorkflowExecution, plus its first event (the input) and,
 * once closed, its close event (result, failure or reason), which describe does not carry.
 */
export async function describeHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: DescribeInput;
}): Promise<WorkflowDescription> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const execution = { workflowId: input.workflowId, runId: input.runId };
  const described = await ctx.history.describeWorkflowExecution(namespace, {
    namespace: namespace.name,
    execution,
  });
  const first = await ctx.history.getWorkflowExecutionHistory(namespace, {
    namespace: namespace.name,
    execution,
    maximumPageSize: 1,
  });
  const closed = described.workflowExecutionInfo?.closeTime
    ? await ctx.history.getWorkflowExecutionHistory(namespace, {
        namespace: namespace.name,
        execution,
        historyEventFilterType: HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
      })
    : undefined;
  return describeView(described, first.history?.events?.[0], closed?.history?.events?.at(-1));
}
