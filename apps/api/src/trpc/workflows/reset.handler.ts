import { randomUUID } from 'node:crypto';
import { int64 } from '@kairos/proto';
import type { SessionContext } from '../context.ts';
import type { ResetInput } from './reset.schema.ts';
import { auditWorkflowAction } from './workflow-audit.ts';
import { resolveWorkflowNamespace } from './workflow-namespace.ts';

/**
 * Resets a run to a workflow task (developer or higher): a new run replays the history up to that
 * point; the current run, if open, is terminated. Answers the new run's id.
 */
export async function resetHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: ResetInput;
}): Promise<{ runId: string }> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const execution = { workflowId: input.workflowId, runId: input.runId };
  const response = await ctx.history.resetWorkflowExecution(namespace, {
    namespace: namespace.name,
    workflowExecution: execution,
    reason: input.reason,
    workflowTaskFinishEventId: int64(input.workflowTaskFinishEventId),
    requestId: randomUUID(),
  });
  const runId = response.runId ?? '';
  await auditWorkflowAction(ctx, 'workflow.reset', namespace, execution, {
    reason: input.reason,
    workflowTaskFinishEventId: input.workflowTaskFinishEventId,
    newRunId: runId,
  });
  return { runId };
}
