import { NotFound } from '@kairos/errors';
import type { SessionContext } from '../context.ts';
import { resolveWorkflowNamespace } from '../workflows/workflow-namespace.ts';
import type { DeleteInput } from './delete.schema.ts';

/** Deletes one of the signed-in user's views; anyone else's answers NOT_FOUND. */
export async function deleteHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: DeleteInput;
}): Promise<{ ok: true }> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const { count } = await ctx.controlPlane.prisma.savedView.deleteMany({
    where: { id: input.id, userId: ctx.actor.userId, namespaceId: namespace.id },
  });
  if (count === 0) throw new NotFound(`saved view ${input.id} is not found`);
  return { ok: true };
}
