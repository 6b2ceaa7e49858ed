import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { INFRA_DATABASE_URL, parseDatabaseUrl, quoteIdentifier, withDatabase } from '../database-url.ts';

/** The server the integration tests use: DATABASE_URL, else the infra one (infra/postgres/up). */
export const serverUrl = parseDatabaseUrl(process.env.DATABASE_URL || INFRA_DATABASE_URL);

export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Runs statements on the server's own database (CREATE/DROP DATABASE, inspecting pg_database). */
export async function onServer<T>(run: (client: pg.Client) => Promise<T>, url = serverUrl): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Postgres for the tests is unreachable at ${new URL(url).host} (${(error as Error).message}). ` +
        'Start it with infra/postgres/up, or set DATABASE_URL.',
      { cause: error },
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const TEST_DATABASE_PREFIX = 'kairos_test_';

/** A new empty database on the test server, so each test file starts from nothing. */
export async function createThrowawayDatabase(purpose: string): Promise<ThrowawayDatabase> {
  // The timestamp lets a later run recognise databases that a killed run could not drop.
  const name = `${TEST_DATABASE_PREFIX}${Date.now()}_${purpose}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () => onServer((client) => dropDatabase(client, name)),
  };
}

/**
 * DROP … WITH (FORCE) ends the database's client connections, but refuses with 42501 ("permission
 * denied to terminate process") while an autovacuum worker is in it: the test role may not signal a
 * role-less system process. Such a worker is done within moments, so the drop is tried again.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Drops test databases older than an hour (left behind by killed runs). */
export async function dropStaleTestDatabases(): Promise<void> {
  await onServer(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [TEST_DATABASE_PREFIX],
    );
    for (const { datname } of rows) {
      const createdAt = Number.parseInt(datname.slice(TEST_DATABASE_PREFIX.length), 10);
      if (Number.isFinite(createdAt) && Date.now() - createdAt > 60 * 60 * 1000) {
        await dropDatabase(client, datname);
      }
    }
  });
}
