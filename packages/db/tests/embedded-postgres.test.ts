import { rm } from 'node:fs/promises';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../src/embedded-postgres.ts';

// Inside the repository's .data/ (git-ignored): every parent is traversable by the `postgres` OS user
// the server runs as when the tests run as root, which a private mkdtemp directory is not.
const dataDir = fileURLToPath(
  new URL(`../../../.data/test/embedded-postgres-${process.pid}`, import.meta.url),
);

afterAll(async () => {
  await stopEmbeddedPostgres({ dataDir });
  await rm(dataDir, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('initialises a cluster on first start, reuses the running server, and restarts after a stop', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect(first).toMatchObject({
      databaseUrl: `postgresql://kairos:kairos@127.0.0.1:${port}/kairos`,
      startedHere: true,
      initialised: true,
    });
    expect(await whoAmI(first)).toEqual({
      user: 'kairos',
      database: 'kairos',
      createdb: true,
      superuser: false,
    });

    const again = await startEmbeddedPostgres({ dataDir, port });
    expect(again).toMatchObject({ databaseUrl: first.databaseUrl, startedHere: false, initialised: false });
    await again.stop(); // a reused server is not ours to stop
    expect(await whoAmI(first)).toMatchObject({ user: 'kairos' });

    await first.stop();
    await expect(whoAmI(first)).rejects.toThrow();
    expect(await stopEmbeddedPostgres({ dataDir })).toBe(false);

    const restarted = await startEmbeddedPostgres({ dataDir, port });
    expect(restarted).toMatchObject({ startedHere: true, initialised: false });
    expect(await whoAmI(restarted)).toMatchObject({ user: 'kairos' });
  });

  it('lets two callers start the same new server at once: one creates it, the other reuses it', async () => {
    const port = await freePort();
    const dir = `${dataDir}-race`;
    try {
      const both = await Promise.all([
        startEmbeddedPostgres({ dataDir: dir, port }),
        startEmbeddedPostgres({ dataDir: dir, port }),
      ]);
      expect(both.map((server) => server.startedHere).sort()).toEqual([false, true]);
      expect(await whoAmI(both[0] as EmbeddedPostgres)).toMatchObject({ user: 'kairos' });
    } finally {
      await stopEmbeddedPostgres({ dataDir: dir });
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a port held by something that is not this server', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(
        startEmbeddedPostgres({ dataDir: `${dataDir}-blocked`, port, startTimeoutSeconds: 5 }),
      ).rejects.toThrow(/is taken by another process/);
    } finally {
      blocker.close();
      await rm(`${dataDir}-blocked`, { recursive: true, force: true });
    }
  });
});

async function whoAmI(server: EmbeddedPostgres) {
  const client = new pg.Client({ connectionString: server.databaseUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{
      user: string;
      database: string;
      createdb: boolean;
      superuser: boolean;
    }>(
      `SELECT current_user AS user, current_database() AS database, rolcreatedb AS createdb, rolsuper AS superuser
       FROM pg_roles WHERE rolname = current_user`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
