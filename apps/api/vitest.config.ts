import { configDefaults, defineConfig } from 'vitest/config';

// Integration tests start real servers (Postgres databases, gRPC, cluster processes) on a 2-core machine.
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };
// Generates the Prisma client if the schema changed and drops test databases left by killed runs.
const prepare = './tests/support/global-setup.ts';

export default defineConfig({
  test: {
    projects: [
      {
        // Everything, with the engine embedded in the test process (as `npm start` runs it).
        test: {
          name: 'embedded',
          exclude: [...configDefaults.exclude, 'tests/cluster/**'],
          globalSetup: [prepare],
          ...timeouts,
        },
      },
      {
        // The engine suite again, against one cluster-mode Kairos (api, 2 history, matching over Kafka)
        // that cluster-global-setup.ts starts for the run.
        test: {
          name: 'cluster',
          // tests/visibility/*.test.ts: the SDK's list/count end to end (its store/ folder is embedded only).
          include: ['tests/engine/**/*.test.ts', 'tests/visibility/*.test.ts'],
          env: { KAIROS_ENGINE_TEST_MODE: 'cluster' },
          globalSetup: [prepare, './tests/engine/support/cluster-global-setup.ts'],
          ...timeouts,
        },
      },
      {
        // Crash tests: each file starts and kills its own cluster's processes.
        test: {
          name: 'cluster-crash',
          include: ['tests/cluster/**/*.test.ts'],
          globalSetup: [prepare],
          ...timeouts,
        },
      },
    ],
  },
});
