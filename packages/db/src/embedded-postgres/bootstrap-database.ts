import net from 'node:net';
import pg from 'pg';
import { quoteIdentifier } from '../database-url.ts';

export interface ApplicationLogin {
  user: string;
  password: string;
  database: string;
}

export type ConnectOutcome =
  | { ok: true }
  /** `code` is the Postgres SQLSTATE (28P01 bad password, 3D000 no database, 57P03 starting) or errno. */
  | { ok: false; code: string; message: string };

/** Tries one connection (2 s timeout) and reports why it failed, without throwing. */
export async function tryConnect(databaseUrl: string): Promise<ConnectOutcome> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { ok: false, code: code ?? 'UNKNOWN', message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Is anything listening on host:port? */
export function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1_000);
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * As the superuser: make the application role able to log in with the configured password (creating
 * it, with CREATEDB so migrations and tests can make shadow and throwaway databases) and make sure its
 * database exists and belongs to it. Idempotent.
 */
export async function ensureApplicationDatabase(
  superuserUrl: string,
  login: ApplicationLogin,
): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const role = quoteIdentifier(login.user);
    const password = client.escapeLiteral(login.password);
    const roleExists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.user]);
    const verb = roleExists.rowCount ? 'ALTER' : 'CREATE';
    await client.query(`${verb} ROLE ${role} WITH LOGIN CREATEDB PASSWORD ${password}`);
    const databaseExists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      login.database,
    ]);
    if (!databaseExists.rowCount) {
      await client.query(`CREATE DATABASE ${quoteIdentifier(login.database)} OWNER ${role}`);
    }
  } finally {
    await client.end();
  }
}
