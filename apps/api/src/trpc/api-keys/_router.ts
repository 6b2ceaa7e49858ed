import { noInput } from '../input-fields.ts';
import { developerProcedure, router, sessionProcedure } from '../trpc.ts';
import { createHandler } from './create.handler.ts';
import { createInput } from './create.schema.ts';
import { listHandler } from './list.handler.ts';
import { revokeHandler } from './revoke.handler.ts';
import { revokeInput } from './revoke.schema.ts';

export const apiKeysRouter = router({
  list: sessionProcedure.input(noInput).query(listHandler),
  create: developerProcedure.input(createInput).mutation(createHandler),
  revoke: sessionProcedure.input(revokeInput).mutation(revokeHandler),
});
