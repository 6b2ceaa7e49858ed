import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // Property-based tests run a few thousand cases; the default 5 s is tight on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
