import type { SessionContext } from '../context.ts';
import type { TerminateInput } from './terminate.schema.ts';
import { auditWorkflowAction } from './workflow-audit.ts';
import { consoleIdentity, resolveWorkflowNamespace } from './workflow-namespace.ts';

/** Ends a run at once (developer or higher); no workflow code runs. */
export async function terminateHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: TerminateInput;
}): Promise<{ ok: true }> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const execution = { workflowId: input.workflowId, runId: input.runId };
  await ctx.history.terminateWorkflowExecution(namespace, {
    namespace: namespace.name,
    workflowExecution: execution,
    reason: input.reason,
    identity: consoleIdentity(ctx),
  });
  await auditWorkflowAction(ctx, 'workflow.terminate', namespace, execution, { reason: input.reason });
  return { ok: true };
}
