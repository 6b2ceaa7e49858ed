import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: every entry and the tsx loader are resolved from there. */
export const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const watchdog = fileURLToPath(new URL('./cluster-watchdog.ts', import.meta.url));

export interface ClusterProcessOptions {
  /** e.g. `history-1`; names the log file and errors. */
  name: string;
  /** Entry file relative to the repository root, e.g. `services/history/src/main.ts`. */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** The `msg` of the log line that says the process is ready (e.g. `history ready`). */
  readyMessage: string;
  logPath: string;
  /** How long start() waits for the ready line. */
  startTimeoutMs?: number;
}

/** Fields of every JSON log line up to and including the ready line, merged (e.g. `internalRpc`, `grpc`). */
export type ReadyFields = Record<string, unknown>;

/**
 * One Kairos process of a cluster, run as its real entry under Node with the tsx loader (one OS
 * process, so a SIGKILL hits the server itself, not a wrapper). Its JSON logs go to `logPath`; start()
 * resolves once the ready line appears. A watchdog module ends it when the test process that spawned
 * it dies, so a killed test run leaves no servers behind.
 */
export class ClusterProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log: WriteStream | undefined;
  private readonly recentLines: string[] = [];
  private expectingExit = false;
  /** Exits nobody asked for (crashes), as `name: code/signal`. */
  readonly unexpectedExits: string[] = [];

  constructor(private readonly options: ClusterProcessOptions) {}

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** Spawns the process, with `env` added to the options' env (ports pinned on a restart). */
  async start(env: NodeJS.ProcessEnv = {}): Promise<ReadyFields> {
    if (this.pid !== undefined) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    this.log = createWriteStream(this.options.logPath, { flags: 'a' });
    this.expectingExit = false;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', watchdog, this.options.entry], {
      cwd: repositoryRoot,
      env: { ...this.options.env, ...env, KAIROS_CLUSTER_WATCHDOG_PARENT: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const log = this.log;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.expectingExit) this.unexpectedExits.push(`${this.name}: exit ${code ?? signal}`);
        log.end();
        resolve();
      }),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      this.remember(chunk.toString('utf8'));
    });
    const fields: ReadyFields = {};
    return new Promise<ReadyFields>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(this.failure(`was not ready within ${this.options.startTimeoutMs ?? 90_000} ms`));
      }, this.options.startTimeoutMs ?? 90_000);
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        log.write(`${line}\n`);
        this.remember(line);
        const parsed = parseLogLine(line);
        if (!parsed) return;
        Object.assign(fields, parsed);
        if (parsed.msg === this.options.readyMessage) {
          clearTimeout(timer);
          resolve(fields);
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(this.failure('exited before it was ready'));
      });
    });
  }

  /** Sends `signal` and waits until the process is gone (SIGKILL: a crash, nothing shuts down). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    this.expectingExit = true;
    process.kill(pid, signal);
    await this.exited;
  }

  /** SIGTERM (graceful: leases released, consumer group left), SIGKILL if it takes over `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.pid === undefined) return;
    this.expectingExit = true;
    this.child?.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), graceMs).unref(),
    );
    if ((await Promise.race([this.exited, timeout])) === 'timeout') await this.kill('SIGKILL');
  }

  private remember(text: string): void {
    for (const line of text.split('\n').filter(Boolean)) {
      this.recentLines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
      if (this.recentLines.length > 30) this.recentLines.shift();
    }
  }

  private failure(problem: string): Error {
    return new Error(
      `${this.name} (${this.options.entry}) ${problem}; log ${this.options.logPath}, last lines:\n` +
        this.recentLines.join('\n'),
    );
  }
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
