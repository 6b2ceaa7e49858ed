import { describe, expect, it } from 'vitest';
import { createDatabasePool } from './database-pool.ts';

describe('createDatabasePool', () => {
  it('logs a dropped idle connection instead of crashing the process', async () => {
    const warnings: string[] = [];
    const pool = createDatabasePool('postgresql://kairos:kairos@127.0.0.1:1/none', {
      max: 1,
      logger: { warn: (_fields, message) => warnings.push(message) },
    });
    // Without a listener, pg's 'error' event would throw (and kill the process).
    expect(() =>
      pool.emit('error', new Error('terminating connection due to administrator command')),
    ).not.toThrow();
    expect(warnings).toEqual(['idle database connection lost']);
    await pool.end();
  });
});
