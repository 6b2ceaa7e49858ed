import { router, sessionProcedure } from '../trpc.ts';
import { createHandler } from './create.handler.ts';
import { createInput } from './create.schema.ts';
import { deleteHandler } from './delete.handler.ts';
import { deleteInput } from './delete.schema.ts';
import { listHandler } from './list.handler.ts';
import { listInput } from './list.schema.ts';

/** A user's own saved workflow searches: any role may keep them (they change nothing in the engine). */
export const savedViewsRouter = router({
  list: sessionProcedure.input(listInput).query(listHandler),
  create: sessionProcedure.input(createInput).mutation(createHandler),
  delete: sessionProcedure.input(deleteInput).mutation(deleteHandler),
});
