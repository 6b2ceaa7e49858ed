import { noInput } from '../input-fields.ts';
import { adminProcedure, router, sessionProcedure } from '../trpc.ts';
import { listHandler } from './list.handler.ts';
import { updateHandler } from './update.handler.ts';
import { updateInput } from './update.schema.ts';

export const quotasRouter = router({
  list: sessionProcedure.input(noInput).query(listHandler),
  update: adminProcedure.input(updateInput).mutation(updateHandler),
});
