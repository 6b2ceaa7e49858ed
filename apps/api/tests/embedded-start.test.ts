import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start`'s entry for real: embedded Postgres in a fresh data dir, migrations, the default
// namespace, gRPC and HTTP up, then SIGINT stops everything including Postgres. The console is
// off here (KAIROS_CONSOLE_PORT=0); its own Playwright suite covers it.
const entry = fileURLToPath(new URL('../src/embedded/main.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function portAccepts(port: number): Promise<boolean> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'kairos',
    password: 'kairos',
    database: 'kairos',
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function startEmbedded(env: Record<string, string>): { child: ChildProcess; ready: Promise<string> } {
  // Without DATABASE_URL (npm test exports the infra one), the entry starts its own embedded Postgres.
  const { DATABASE_URL: _external, ...inherited } = process.env;
  // As `npm start` runs it: node with tsx's loader in-process. (The `tsx` CLI wraps the entry in a
  // child and SIGKILLs it when it does not acknowledge a relayed SIGINT within 30 ms, which a busy
  // machine misses: Ctrl-C must reach our own shutdown.) Own process group, so a cleanup kill is total.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const ready = new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('Press Ctrl-C to stop.')) resolve(stderr);
    });
    child.stdout!.resume();
    child.once('exit', (code) =>
      reject(new Error(`npm start entry exited with ${code} before ready:\n${stderr}`)),
    );
  });
  return { child, ready };
}

function grpcHealth(address: string): Promise<string> {
  const Client = makeGenericClientConstructor(healthService, 'Health');
  const client = new Client(address, credentials.createInsecure()) as unknown as {
    check(
      request: { service: string },
      cb: (error: ServiceError | null, response?: { status: string }) => void,
    ): void;
    close(): void;
  };
  return new Promise((resolve, reject) =>
    client.check({ service: '' }, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response!.status);
    }),
  );
}

describe('npm start (embedded entry)', () => {
  const running: ChildProcess[] = [];
  afterAll(() =>
    running.forEach((child) => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }),
  );

  it('comes up on a fresh data dir, serves gRPC and /healthz, and stops everything on SIGINT; restarts warm', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kairos-embedded-'));
    chmodSync(dataDir, 0o755); // as root, Postgres runs as its own OS user and must enter it
    const ports = { postgres: await freePort(), grpc: await freePort(), http: await freePort() };
    const env = {
      KAIROS_DATA_DIR: dataDir,
      KAIROS_EMBEDDED_POSTGRES_PORT: String(ports.postgres),
      KAIROS_GRPC_PORT: String(ports.grpc),
      KAIROS_HTTP_PORT: String(ports.http),
      KAIROS_METRICS_PORT: '0',
      KAIROS_CONSOLE_PORT: '0',
      KAIROS_LOG_LEVEL: 'warn',
    };

    for (const round of ['cold', 'warm']) {
      const { child, ready } = startEmbedded(env);
      running.push(child);
      const banner = await ready;
      expect(banner).toContain(`127.0.0.1:${ports.grpc}   namespace: default`);
      expect(banner).not.toContain('kairos:kairos@'); // the password is redacted

      expect(await grpcHealth(`127.0.0.1:${ports.grpc}`)).toBe('SERVING');
      const health = await fetch(`http://127.0.0.1:${ports.http}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        mode: 'embedded',
        checks: { database: { status: 'ok' }, visibility: { status: 'ok' } },
      });

      const db = new pg.Client({
        host: '127.0.0.1',
        port: ports.postgres,
        user: 'kairos',
        password: 'kairos',
        database: 'kairos',
      });
      await db.connect();
      const namespaces = await db.query<{ name: string }>('SELECT name FROM namespaces');
      await db.end();
      expect(
        namespaces.rows.map((row) => row.name),
        round,
      ).toEqual(['default']);

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(await portAccepts(ports.postgres)).toBe(false);
    }
  }, 120_000);
});
