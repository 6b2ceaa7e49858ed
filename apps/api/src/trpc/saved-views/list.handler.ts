import type { SessionContext } from '../context.ts';
import { resolveWorkflowNamespace } from '../workflows/workflow-namespace.ts';
import type { ListInput } from './list.schema.ts';
import { toSavedViewView, type SavedViewView } from './saved-view.ts';

/** The signed-in user's saved views of one namespace, by name. */
export async function listHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: ListInput;
}): Promise<SavedViewView[]> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const rows = await ctx.controlPlane.prisma.savedView.findMany({
    where: { userId: ctx.actor.userId, namespaceId: namespace.id },
    orderBy: { name: 'asc' },
  });
  return rows.map(toSavedViewView);
}
