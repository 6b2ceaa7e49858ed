import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration tests use real Postgres databases on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
