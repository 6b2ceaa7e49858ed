import type { NamespaceView } from '../../control-plane/namespaces/account-namespaces.ts';
import type { SessionContext } from '../context.ts';

export function listHandler({ ctx }: { ctx: SessionContext }): Promise<NamespaceView[]> {
  return ctx.controlPlane.namespaces.list(ctx.actor);
}
