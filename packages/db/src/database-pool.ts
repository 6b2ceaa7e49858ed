import pg from 'pg';

/**
 * A node-postgres pool for the engine's plain-SQL paths (history, matching, the api's shard routing).
 * An idle connection the server drops must not crash the process (pg emits 'error' on the pool); the
 * next query opens a new one, so it is only logged.
 */
export function createDatabasePool(
  databaseUrl: string,
  options: { max: number; logger: { warn(fields: object, message: string): void } },
): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max });
  pool.on('error', (error) => options.logger.warn({ err: error }, 'idle database connection lost'));
  return pool;
}
