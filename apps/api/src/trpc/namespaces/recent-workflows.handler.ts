import type { RecentWorkflowView } from '../../control-plane/namespaces/account-namespaces.ts';
import type { SessionContext } from '../context.ts';
import type { RecentWorkflowsInput } from './recent-workflows.schema.ts';

export function recentWorkflowsHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: RecentWorkflowsInput;
}): Promise<RecentWorkflowView[]> {
  return ctx.controlPlane.namespaces.recentWorkflows(ctx.actor, input.name, input.limit);
}
