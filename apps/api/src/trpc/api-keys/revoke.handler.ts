import type { ApiKeyView } from '../../control-plane/api-keys/account-api-keys.ts';
import type { SessionContext } from '../context.ts';
import type { RevokeInput } from './revoke.schema.ts';

/** Admins, or the key's creator (checked in the domain module, which knows the creator). */
export function revokeHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: RevokeInput;
}): Promise<ApiKeyView> {
  return ctx.controlPlane.apiKeys.revoke(ctx.actor, input.id);
}
