import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@kairos/telemetry';

const consoleDir = fileURLToPath(new URL('../../../console/', import.meta.url));
const buildIdFile = join(consoleDir, '.next', 'BUILD_ID');
const sourceEntries = ['app', 'components', 'lib', 'public', 'next.config.ts', 'proxy.ts', 'package.json'];

/** Newest modification time under the console's sources, to tell whether the build is stale. */
function newestSourceMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestSourceMtime(join(path, entry))));
}

export function consoleBuildIsCurrent(): boolean {
  if (!existsSync(buildIdFile)) return false;
  const builtAt = statSync(buildIdFile).mtimeMs;
  return sourceEntries.every((entry) => newestSourceMtime(join(consoleDir, entry)) <= builtAt);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logger: Logger): ChildProcess {
  const child = spawn(command, args, { cwd: consoleDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (stream: NodeJS.ReadableStream | null, level: 'info' | 'warn') =>
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk
        .toString('utf8')
        .split('\n')
        .filter((text) => text.trim() !== '')) {
        logger[level]({ component: 'console' }, line);
      }
    });
  forward(child.stdout, 'info');
  forward(child.stderr, 'warn');
  return child;
}

/**
 * Runs the Next.js console as a child process: builds it first when no build exists or the sources
 * are newer than the build, then serves the production build (`next start`).
 */
export async function startConsoleProcess(options: {
  host: string;
  port: number;
  env: Record<string, string>;
  logger: Logger;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const env = { ...process.env, ...options.env, NEXT_TELEMETRY_DISABLED: '1' };
  const nextBin = fileURLToPath(new URL('../../../../node_modules/next/dist/bin/next', import.meta.url));
  if (!consoleBuildIsCurrent()) {
    options.logger.info('building the console (first start or sources changed)');
    const build = run(process.execPath, [nextBin, 'build'], env, options.logger);
    const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
    if (code !== 0)
      throw new Error(`console build failed (next build exited with ${code}); see the log above`);
  }
  const server = run(
    process.execPath,
    [nextBin, 'start', '--hostname', options.host, '--port', String(options.port)],
    env,
    options.logger,
  );
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const url = `http://${options.host}:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${url}/api/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (server.exitCode !== null) throw new Error(`console exited with ${server.exitCode} while starting`);
    if (Date.now() > deadline) throw new Error(`console did not answer on ${url} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (server.exitCode !== null) return;
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
