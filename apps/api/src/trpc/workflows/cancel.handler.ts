import { randomUUID } from 'node:crypto';
import type { SessionContext } from '../context.ts';
import type { CancelInput } from './cancel.schema.ts';
import { auditWorkflowAction } from './workflow-audit.ts';
import { consoleIdentity, resolveWorkflowNamespace } from './workflow-namespace.ts';

/** Asks a run to cancel (developer or higher); the workflow code decides how it ends. */
export async function cancelHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: CancelInput;
}): Promise<{ ok: true }> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const execution = { workflowId: input.workflowId, runId: input.runId };
  await ctx.history.requestCancelWorkflowExecution(namespace, {
    namespace: namespace.name,
    workflowExecution: execution,
    identity: consoleIdentity(ctx),
    requestId: randomUUID(),
    reason: input.reason ?? '',
  });
  await auditWorkflowAction(ctx, 'workflow.cancel', namespace, execution, { reason: input.reason ?? '' });
  return { ok: true };
}
