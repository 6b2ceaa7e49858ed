// The console's API (tRPC, served by the api process under /trpc). The console imports only the type.
import { apiKeysRouter } from './api-keys/_router.ts';
import { auditRouter } from './audit/_router.ts';
import { authRouter } from './auth/_router.ts';
import { membersRouter } from './members/_router.ts';
import { namespacesRouter } from './namespaces/_router.ts';
import { quotasRouter } from './quotas/_router.ts';
import { savedViewsRouter } from './saved-views/_router.ts';
import { router } from './trpc.ts';
import { workflowsRouter } from './workflows/_router.ts';

export const appRouter = router({
  auth: authRouter,
  namespaces: namespacesRouter,
  apiKeys: apiKeysRouter,
  members: membersRouter,
  quotas: quotasRouter,
  audit: auditRouter,
  workflows: workflowsRouter,
  savedViews: savedViewsRouter,
});

export type AppRouter = typeof appRouter;
