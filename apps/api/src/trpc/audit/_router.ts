import { adminProcedure, router } from '../trpc.ts';
import { listHandler } from './list.handler.ts';
import { listInput } from './list.schema.ts';

export const auditRouter = router({
  list: adminProcedure.input(listInput).query(listHandler),
});
