import type { Prisma } from '@kairos/db';
import type { NamespaceRef } from '@kairos/history/client';
import { writeAuditEntry } from '../../control-plane/audit/audit-log.ts';
import type { SessionContext } from '../context.ts';

/**
 * Records a console action on a run once the engine accepted it. The engine's write and this entry
 * are separate transactions (the engine owns its own); an action the engine refused leaves no entry.
 */
export async function auditWorkflowAction(
  ctx: SessionContext,
  action: 'workflow.signal' | 'workflow.cancel' | 'workflow.terminate' | 'workflow.reset',
  namespace: NamespaceRef,
  execution: { workflowId: string; runId: string },
  details: Record<string, Prisma.InputJsonValue | null> = {},
): Promise<void> {
  await writeAuditEntry(ctx.controlPlane.prisma, ctx.actor, {
    action,
    targetType: 'workflow',
    targetId: `${execution.workflowId}/${execution.runId}`,
    details: { namespace: namespace.name, ...execution, ...details },
  });
}
