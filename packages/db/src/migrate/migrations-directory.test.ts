import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LOCKFILE_CONTENT,
  listMigrations,
  migrationDirectoryName,
  normaliseMigrationName,
  writeMigration,
} from './migrations-directory.ts';

describe('migration names', () => {
  it('normalises what people type into snake_case', () => {
    expect(normaliseMigrationName('Add API keys')).toBe('add_api_keys');
    expect(normaliseMigrationName('  namespace-quotas!! ')).toBe('namespace_quotas');
    expect(normaliseMigrationName('v2_history')).toBe('v2_history');
  });

  it('rejects names without letters or digits', () => {
    expect(() => normaliseMigrationName(' -- ')).toThrow(/no letters or digits/);
  });

  it('prefixes the UTC timestamp the way Prisma does', () => {
    expect(migrationDirectoryName('init', new Date('2030-01-02T03:04:05.678Z'))).toBe('20300102030405_init');
  });
});

describe('migrations directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kairos-migrations-unit-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists nothing (and no lockfile) for a missing directory', async () => {
    const list = await listMigrations(path.join(dir, 'absent'));
    expect(list.migrationDirectories).toEqual([]);
    expect(list.lockfile).toEqual({ path: 'migration_lock.toml', content: null });
  });

  it('lists migration directories in name order with their SQL, ignoring files', async () => {
    await writeMigration(dir, '20300102000000_second', 'SELECT 2;');
    await writeMigration(dir, '20300101000000_first', 'SELECT 1;');
    await mkdir(path.join(dir, '20300103000000_broken'));
    await writeFile(path.join(dir, 'README.md'), 'not a migration');

    const list = await listMigrations(dir);
    expect(list.baseDir).toBe(dir);
    expect(list.lockfile.content).toBe(LOCKFILE_CONTENT);
    expect(list.migrationDirectories.map((m) => m.path)).toEqual([
      '20300101000000_first',
      '20300102000000_second',
      '20300103000000_broken',
    ]);
    expect(list.migrationDirectories[0]?.migrationFile).toEqual({
      path: 'migration.sql',
      content: { tag: 'ok', value: 'SELECT 1;' },
    });
    expect(list.migrationDirectories[2]?.migrationFile.content.tag).toBe('error');
  });

  it('never overwrites an existing migration', async () => {
    await writeMigration(dir, '20300101000000_first', 'SELECT 1;');
    await expect(writeMigration(dir, '20300101000000_first', 'DROP TABLE x;')).rejects.toThrow(/EEXIST/);
    expect(await readFile(path.join(dir, '20300101000000_first', 'migration.sql'), 'utf8')).toBe('SELECT 1;');
  });
});
