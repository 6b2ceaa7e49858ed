import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { quoteIdentifier, withDatabase } from '../database-url.ts';
import { CatalogFriendlyClient, charColumnsOf } from './catalog-friendly-pg-client.ts';

/** Shadow databases are named so a leftover one (from a killed process) is recognisable. */
export const SHADOW_DATABASE_PREFIX = 'kairos_shadow_';

/**
 * The driver adapter the schema engine runs on: connections to the target database, plus shadow
 * databases for commands that replay the migrations (create, check). A shadow database is created on
 * the same server (the role needs CREATEDB) and dropped by `close()`.
 *
 * We do not use PrismaPg's own `connectToShadowDb()`: with a connection string it overrides the
 * database name in a way pg ignores (the URL wins), so the "shadow" would be the real database.
 * `close()` also ends every pool: the engine may free adapters without disposing them, and an open pool
 * would keep the process alive.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@kairos/db-migrate';
  private readonly adapters: OnceDisposedAdapter[] = [];
  private readonly shadowDatabases: string[] = [];

  constructor(private readonly databaseUrl: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await connectAdapter(this.databaseUrl));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    await dropStaleShadowDatabases(this.databaseUrl);
    const name = `${SHADOW_DATABASE_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
    await runOnServer(this.databaseUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
    this.shadowDatabases.push(name);
    const shadowUrl = withDatabase(this.databaseUrl, name);
    return this.track(await connectAdapter(shadowUrl));
  }

  /**
   * Ends all pools, then drops the shadow databases (FORCE: a stray session must not keep one alive).
   * Never throws: it runs in `finally` blocks, where it must not hide the command's own error; a shadow
   * database it fails to drop is reported and swept by a later run.
   */
  async close(): Promise<void> {
    await Promise.allSettled(this.adapters.map((adapter) => adapter.dispose()));
    for (const name of this.shadowDatabases.splice(0)) {
      await dropDatabase(this.databaseUrl, name).catch((error: Error) =>
        console.warn(`[db] could not drop shadow database ${name}: ${error.message}`),
      );
    }
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const tracked = new OnceDisposedAdapter(adapter);
    this.adapters.push(tracked);
    return tracked;
  }
}

/** A small pool (the engine works sequentially) of catalog-friendly clients; see that file. */
function connectAdapter(databaseUrl: string): Promise<SqlDriverAdapter> {
  return new PrismaPg({ connectionString: databaseUrl, max: 2, Client: CatalogFriendlyClient }).connect();
}

/** Shadow databases left by a killed run (their name starts with a millisecond timestamp). */
const STALE_SHADOW_MS = 60 * 60 * 1000;

async function dropStaleShadowDatabases(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let names: string[];
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [SHADOW_DATABASE_PREFIX],
    );
    names = rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
  for (const name of names) {
    const createdAt = Number.parseInt(name.slice(SHADOW_DATABASE_PREFIX.length), 10);
    if (Number.isFinite(createdAt) && Date.now() - createdAt > STALE_SHADOW_MS) {
      await dropDatabase(databaseUrl, name).catch(() => undefined); // owned by another role: not ours
    }
  }
}

function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  return runOnServer(databaseUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

/** Runs one statement over a short-lived connection (CREATE/DROP DATABASE cannot run in a pool txn). */
async function runOnServer(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Gives "char" columns Prisma's Character type, which the engine reads as a Rust char (see catalog-friendly-pg-client). */
function withCharColumns(result: SqlResultSet): SqlResultSet {
  for (const index of charColumnsOf(result.rows)) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

/** Delegates to an adapter, fixes "char" column types, and makes `dispose()` idempotent (the engine and `close()` both call it). */
class OnceDisposedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  private disposed: Promise<void> | undefined;

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return withCharColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const transaction = await this.inner.startTransaction(isolationLevel);
    const queryRaw = transaction.queryRaw.bind(transaction);
    transaction.queryRaw = async (query) => withCharColumns(await queryRaw(query));
    return transaction;
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    this.disposed ??= this.inner.dispose();
    return this.disposed;
  }
}
