import type { NamespaceView } from '../../control-plane/namespaces/account-namespaces.ts';
import type { SessionContext } from '../context.ts';
import type { UpdateInput } from './update.schema.ts';

export function updateHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: UpdateInput;
}): Promise<NamespaceView> {
  return ctx.controlPlane.namespaces.update(ctx.actor, input);
}
