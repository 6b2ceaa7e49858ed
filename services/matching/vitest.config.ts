import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generates the Prisma client if the schema changed (applyMigrations comes from @kairos/db) and
    // drops test databases left by killed runs.
    globalSetup: ['./tests/support/global-setup.ts'],
    // Integration tests use real Postgres databases on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
