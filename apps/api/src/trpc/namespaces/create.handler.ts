import type { NamespaceView } from '../../control-plane/namespaces/account-namespaces.ts';
import type { SessionContext } from '../context.ts';
import type { CreateInput } from './create.schema.ts';

export function createHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: CreateInput;
}): Promise<NamespaceView> {
  return ctx.controlPlane.namespaces.create(ctx.actor, input);
}
