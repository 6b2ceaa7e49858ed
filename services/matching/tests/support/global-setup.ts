import { dropStaleTestDatabases, ensurePrismaClientGenerated } from '@kairos/db/testing';

export default async function setup(): Promise<void> {
  await ensurePrismaClientGenerated();
  // Housekeeping only: when Postgres is down the integration tests themselves fail, loudly.
  await dropStaleTestDatabases().catch(() => undefined);
}
