import { createDatabasePool } from '@kairos/db';
import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';

/**
 * A small pool for the search attribute rpcs (rare operator calls: two connections are plenty, one
 * held by a registry transaction and one for lists). The caller ends it.
 */
export function createSearchAttributePool(databaseUrl: string, logger: Logger): pg.Pool {
  return createDatabasePool(databaseUrl, { max: 2, logger });
}
