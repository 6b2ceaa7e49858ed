import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The entry points must refuse to start on bad configuration, quickly, naming the variable.
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function run(script: string, env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(tsx, [entry(script)], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('bad configuration', () => {
  it('cluster api without DATABASE_URL exits 78 naming it', () => {
    const result = run('../src/main.ts', {});
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL: required for the api process on its own');
  });

  it('cluster api with invalid values names each one and the value it got', () => {
    const result = run('../src/main.ts', {
      DATABASE_URL: 'mysql://nope',
      KAIROS_GRPC_PORT: 'seven',
      KAIROS_HISTORY_SHARDS: 'many',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/KAIROS_GRPC_PORT: expected a port number, got "seven"/);
    expect(result.stderr).toMatch(/KAIROS_HISTORY_SHARDS: .*got "many"/);
    expect(result.stderr).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('npm start entry fails before touching Postgres when a port is invalid', () => {
    const result = run('../src/embedded/main.ts', { KAIROS_CONSOLE_PORT: '99999' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/KAIROS_CONSOLE_PORT: expected a port between 0 and 65535, got "99999"/);
    expect(result.seconds).toBeLessThan(15);
  });
});
