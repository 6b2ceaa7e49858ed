import { describe, expect, it } from 'vitest';
import {
  databaseName,
  parseDatabaseUrl,
  quoteIdentifier,
  redactDatabaseUrl,
  withDatabase,
} from './database-url.ts';

describe('database URLs', () => {
  it('accepts postgres and postgresql URLs with a database', () => {
    expect(parseDatabaseUrl('postgresql://u:p@127.0.0.1:5433/kairos')).toBe(
      'postgresql://u:p@127.0.0.1:5433/kairos',
    );
    expect(parseDatabaseUrl('postgres://u@h/db?sslmode=disable')).toBe('postgres://u@h/db?sslmode=disable');
  });

  it('rejects other schemes and missing database names, naming the variable', () => {
    expect(() => parseDatabaseUrl('mysql://u:p@h/db')).toThrow(/DATABASE_URL: expected a postgres/);
    expect(() => parseDatabaseUrl('postgresql://u:p@h:5432', 'KAIROS_X')).toThrow(
      /KAIROS_X: expected a database name/,
    );
    expect(() => parseDatabaseUrl('not a url')).toThrow(/expected a URL/);
  });

  it('swaps the database and keeps credentials and parameters', () => {
    const url = withDatabase('postgresql://u:p%40ss@h:5433/kairos?sslmode=disable', 'kairos_shadow_1');
    expect(url).toBe('postgresql://u:p%40ss@h:5433/kairos_shadow_1?sslmode=disable');
    expect(databaseName(url)).toBe('kairos_shadow_1');
  });

  it('hides the password', () => {
    expect(redactDatabaseUrl('postgresql://kairos:secret@h:5433/kairos')).toBe(
      'postgresql://kairos:***@h:5433/kairos',
    );
    expect(redactDatabaseUrl('postgresql://kairos@h/kairos')).toBe('postgresql://kairos@h/kairos');
  });

  it('quotes identifiers, doubling embedded quotes', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});
