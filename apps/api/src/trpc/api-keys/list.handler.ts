import type { ApiKeyView } from '../../control-plane/api-keys/account-api-keys.ts';
import type { SessionContext } from '../context.ts';

export function listHandler({ ctx }: { ctx: SessionContext }): Promise<ApiKeyView[]> {
  return ctx.controlPlane.apiKeys.list(ctx.actor);
}
