import { ensurePrismaClientGenerated } from '../../src/generate/generate-client.ts';
import { dropStaleTestDatabases } from '../../src/testing/index.ts';

export default async function setup(): Promise<void> {
  await ensurePrismaClientGenerated();
  // Housekeeping only: when Postgres is down the integration tests themselves fail, loudly.
  await dropStaleTestDatabases().catch(() => undefined);
}
