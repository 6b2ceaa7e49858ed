import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generates the Prisma client first if schema.prisma changed (no-op otherwise), so
    // `npx vitest run` works on a fresh clone too.
    globalSetup: ['./tests/support/global-setup.ts'],
    // Integration tests start Wasm engines, shadow databases and child processes on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
