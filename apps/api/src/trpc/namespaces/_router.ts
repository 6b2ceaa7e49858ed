import { noInput } from '../input-fields.ts';
import { adminProcedure, router, sessionProcedure } from '../trpc.ts';
import { createHandler } from './create.handler.ts';
import { createInput } from './create.schema.ts';
import { deleteHandler } from './delete.handler.ts';
import { deleteInput } from './delete.schema.ts';
import { getHandler } from './get.handler.ts';
import { getInput } from './get.schema.ts';
import { listHandler } from './list.handler.ts';
import { recentWorkflowsHandler } from './recent-workflows.handler.ts';
import { recentWorkflowsInput } from './recent-workflows.schema.ts';
import { updateHandler } from './update.handler.ts';
import { updateInput } from './update.schema.ts';

export const namespacesRouter = router({
  list: sessionProcedure.input(noInput).query(listHandler),
  get: sessionProcedure.input(getInput).query(getHandler),
  recentWorkflows: sessionProcedure.input(recentWorkflowsInput).query(recentWorkflowsHandler),
  create: adminProcedure.input(createInput).mutation(createHandler),
  update: adminProcedure.input(updateInput).mutation(updateHandler),
  delete: adminProcedure.input(deleteInput).mutation(deleteHandler),
});
