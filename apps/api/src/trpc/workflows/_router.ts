import { developerProcedure, router, sessionProcedure } from '../trpc.ts';
import { cancelHandler } from './cancel.handler.ts';
import { cancelInput } from './cancel.schema.ts';
import { countHandler } from './count.handler.ts';
import { countInput } from './count.schema.ts';
import { describeHandler } from './describe.handler.ts';
import { describeInput } from './describe.schema.ts';
import { historyHandler } from './history.handler.ts';
import { historyInput } from './history.schema.ts';
import { listHandler } from './list.handler.ts';
import { listInput } from './list.schema.ts';
import { resetHandler } from './reset.handler.ts';
import { resetInput } from './reset.schema.ts';
import { searchAttributesHandler } from './search-attributes.handler.ts';
import { searchAttributesInput } from './search-attributes.schema.ts';
import { signalHandler } from './signal.handler.ts';
import { signalInput } from './signal.schema.ts';
import { terminateHandler } from './terminate.handler.ts';
import { terminateInput } from './terminate.schema.ts';

/** The console's workflow pages: every member reads; developers and up act on runs. */
export const workflowsRouter = router({
  list: sessionProcedure.input(listInput).query(listHandler),
  count: sessionProcedure.input(countInput).query(countHandler),
  searchAttributes: sessionProcedure.input(searchAttributesInput).query(searchAttributesHandler),
  describe: sessionProcedure.input(describeInput).query(describeHandler),
  history: sessionProcedure.input(historyInput).query(historyHandler),
  signal: developerProcedure.input(signalInput).mutation(signalHandler),
  cancel: developerProcedure.input(cancelInput).mutation(cancelHandler),
  terminate: developerProcedure.input(terminateInput).mutation(terminateHandler),
  reset: developerProcedure.input(resetInput).mutation(resetHandler),
});
