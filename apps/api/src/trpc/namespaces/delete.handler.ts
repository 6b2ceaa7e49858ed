import type { SessionContext } from '../context.ts';
import type { DeleteInput } from './delete.schema.ts';

export async function deleteHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: DeleteInput;
}): Promise<{ ok: true }> {
  await ctx.controlPlane.namespaces.delete(ctx.actor, input);
  return { ok: true };
}
