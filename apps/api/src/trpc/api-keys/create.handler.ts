import type { ApiKeyView } from '../../control-plane/api-keys/account-api-keys.ts';
import type { SessionContext } from '../context.ts';
import type { CreateInput } from './create.schema.ts';

/** The only answer that ever carries the whole key. */
export function createHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: CreateInput;
}): Promise<{ key: string; apiKey: ApiKeyView }> {
  return ctx.controlPlane.apiKeys.create(ctx.actor, input);
}
