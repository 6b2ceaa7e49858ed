import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from './router-types.ts';
import { ensureCsrfToken } from './csrf-token.ts';

/**
 * The tRPC client of the console's pages. One HTTP request per call (no batching), always to the
 * console's own origin: app/api/trpc/[trpc]/route.ts relays it to the api. Mutations carry the
 * CSRF token; queries need none.
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: '/api/trpc',
      async headers({ op }) {
        if (op.type !== 'mutation') return {};
        return { 'x-csrf-token': await ensureCsrfToken() };
      },
    }),
  ],
});
