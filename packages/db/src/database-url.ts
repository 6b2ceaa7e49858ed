import { z } from 'zod';

/** The infra Postgres (`infra/postgres/up`), used by tests and the CLI when DATABASE_URL is unset. */
export const INFRA_DATABASE_URL = 'postgresql://kairos:kairos@127.0.0.1:5433/kairos';

const databaseUrlSchema = z
  .string()
  .url('expected a URL such as postgresql://user:password@host:5432/db')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'expected a postgres:// or postgresql:// URL')
  .refine(hasDatabaseName, 'expected a database name in the URL path');

function hasDatabaseName(value: string): boolean {
  try {
    return new URL(value).pathname.length > 1;
  } catch {
    return false; // not a URL at all: the .url() check above already says so
  }
}

/** Validates a Postgres URL at the edge (env, CLI), naming the problem without echoing the password. */
export function parseDatabaseUrl(value: string, source = 'DATABASE_URL'): string {
  const result = databaseUrlSchema.safeParse(value);
  if (!result.success) {
    throw new Error(`${source}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return result.data;
}

/** The same server and credentials, another database (shadow and throwaway test databases). */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** The database name in the URL path. */
export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** For logs and errors: the URL with its password replaced. */
export function redactDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Double-quotes an identifier for SQL text (CREATE/DROP DATABASE cannot take parameters). */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
