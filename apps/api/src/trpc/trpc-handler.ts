import type { HistoryClient } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import type { VisibilityStore } from '@kairos/visibility';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { ControlPlane } from '../control-plane/control-plane.ts';
import type { TrpcHttpHandler } from '../http/http-server.ts';
import { appRouter } from './app-router.ts';
import { createTrpcContext, type TrpcSettings } from './context.ts';

/** Answers one /trpc request (fetch Request in, Response out); the HTTP server adapts node's objects. */
export function createTrpcHttpHandler(options: {
  controlPlane: ControlPlane;
  settings: TrpcSettings;
  logger: Logger;
  visibility: VisibilityStore;
  history: HistoryClient;
}): TrpcHttpHandler {
  return (request, clientIp) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: request,
      router: appRouter,
      createContext: ({ resHeaders }) =>
        createTrpcContext({ ...options, request, responseHeaders: resHeaders, clientIp }),
      onError({ error, path, type }) {
        // Expected failures (bad input, not found, refused) are answers, not incidents. Inputs are never
        // logged: they may hold passwords.
        if (error.code === 'INTERNAL_SERVER_ERROR')
          options.logger.error({ err: error.cause ?? error, path, type }, 'console procedure failed');
      },
    });
}
