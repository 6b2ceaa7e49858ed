// @kairos/db/testing: helpers for integration tests elsewhere in the monorepo that need a real,
// empty Postgres database. Kept apart from the main entry (and free of the generated Prisma client)
// so a vitest global setup can import it before the client exists.
export {
  createThrowawayDatabase,
  dropStaleTestDatabases,
  onServer,
  serverUrl,
  type ThrowawayDatabase,
} from './test-database.ts';
export { ensurePrismaClientGenerated } from '../generate/generate-client.ts';
