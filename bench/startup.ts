// Measures `npm start`: seconds until gRPC :7233 answers health checks and the console :3000 serves
// its page, peak RSS of the whole process tree (Node, Postgres, Next.js), and time to stop on SIGINT.
//   npx tsx bench/startup.ts          warm: reuse .data/embedded and the console build
//   npx tsx bench/startup.ts --cold   cold: delete both first (fresh initdb, migrations, next build)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

const root = fileURLToPath(new URL('..', import.meta.url));
const cold = process.argv.includes('--cold');
const steadySeconds = 20;

if (cold) {
  rmSync(`${root}/.data/embedded`, { recursive: true, force: true });
  rmSync(`${root}/apps/console/.next`, { recursive: true, force: true });
}

/** Sum of RSS over every process in the process group (Postgres and Next run as children). */
function groupRssBytes(groupId: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue; // field 5 of stat: process group id
      total += Number(fields[21]) * 4096; // field 24: resident pages
    } catch {
      // the process exited between readdir and read
    }
  }
  return total;
}

const HealthClient = makeGenericClientConstructor(healthService, 'Health');
type HealthClientInstance = {
  check(
    request: { service: string },
    options: { deadline: number },
    cb: (e: ServiceError | null, r?: { status: string }) => void,
  ): void;
  close(): void;
};
/** A new client per probe: a client created before the server listens would sit in reconnect backoff. */
const grpcServing = () =>
  new Promise<boolean>((resolve) => {
    const health = new HealthClient(
      '127.0.0.1:7233',
      credentials.createInsecure(),
    ) as unknown as HealthClientInstance;
    health.check({ service: '' }, { deadline: Date.now() + 500 }, (error, response) => {
      health.close();
      resolve(!error && response?.status === 'SERVING');
    });
  });
const consoleServing = () =>
  fetch('http://127.0.0.1:3000/', { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.ok,
    () => false,
  );

const started = performance.now();
const child = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
const groupId = child.pid!;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, groupRssBytes(groupId))), 250);

let grpcReadyAt: number | undefined;
let consoleReadyAt: number | undefined;
while (grpcReadyAt === undefined || consoleReadyAt === undefined) {
  if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before it was ready`);
  if (performance.now() - started > 300_000) throw new Error('not ready within 300 s');
  if (grpcReadyAt === undefined && (await grpcServing())) grpcReadyAt = performance.now();
  if (consoleReadyAt === undefined && (await consoleServing())) consoleReadyAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
// Steady state: keep the console and health endpoint busy so the RSS sample reflects use, not idle.
const peakRssDuringStart = peakRss;
peakRss = 0;
const steadyUntil = performance.now() + steadySeconds * 1_000;
let requests = 0;
while (performance.now() < steadyUntil) {
  await Promise.all([
    consoleServing(),
    grpcServing(),
    fetch('http://127.0.0.1:7243/healthz').then((r) => r.text()),
  ]);
  requests += 3;
}
const stopRequested = performance.now();
process.kill(-groupId, 'SIGINT');
await new Promise((resolve) => child.once('exit', resolve));
// npm may exit before its children finish shutting down: stopped means the whole group is gone.
while (groupRssBytes(groupId) > 0 && performance.now() - stopRequested < 30_000) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const stoppedAt = performance.now();
clearInterval(sampler);

const seconds = (ms: number) => Math.round(ms / 10) / 100;
console.log(
  JSON.stringify(
    {
      mode: cold ? 'cold' : 'warm',
      grpcReadySeconds: seconds(grpcReadyAt - started),
      consoleReadySeconds: seconds(consoleReadyAt - started),
      // Start includes `next build` on a cold start; steady is the running platform under requests.
      peakRssDuringStartMiB: Math.round(peakRssDuringStart / 2 ** 20),
      peakRssSteadyMiB: Math.round(peakRss / 2 ** 20),
      steadyRequests: requests,
      stopSeconds: seconds(stoppedAt - stopRequested),
      stillRunningAfterStop: groupRssBytes(groupId) > 0,
    },
    null,
    2,
  ),
);
