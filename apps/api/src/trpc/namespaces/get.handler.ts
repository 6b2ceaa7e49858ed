import type { NamespaceDetailView } from '../../control-plane/namespaces/account-namespaces.ts';
import type { SessionContext } from '../context.ts';
import type { GetInput } from './get.schema.ts';

export function getHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: GetInput;
}): Promise<NamespaceDetailView> {
  return ctx.controlPlane.namespaces.get(ctx.actor, input.name);
}
