import type { Logger } from '@kairos/telemetry';

interface StopStep {
  name: string;
  stop: () => Promise<void>;
}

/**
 * Remembers what a process started so it can stop it in reverse order: on Ctrl-C/SIGTERM, and also
 * when start-up fails half-way (a detached embedded Postgres must not outlive a failed `npm start`).
 */
export class Lifecycle {
  private readonly steps: StopStep[] = [];
  private stopping = false;

  constructor(private readonly logger: Logger) {}

  /** Starts a part and registers how to stop it. */
  async start<Part>(
    name: string,
    start: () => Promise<Part>,
    stop: (part: Part) => Promise<void>,
  ): Promise<Part> {
    const part = await start();
    this.steps.unshift({ name, stop: () => stop(part) });
    return part;
  }

  /** Stops everything started so far, newest first; resolves false if a step failed. */
  async stopAll(): Promise<boolean> {
    let clean = true;
    for (const step of this.steps.splice(0)) {
      try {
        await step.stop();
      } catch (error) {
        clean = false;
        this.logger.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    return clean;
  }

  /** Runs the start-up; if it throws, stops what it had started and exits 1. */
  async startOrExit(startUp: () => Promise<void>): Promise<void> {
    try {
      await startUp();
    } catch (error) {
      this.logger.fatal({ err: error }, 'start-up failed; stopping what was started');
      process.stderr.write(
        `\nKairos failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      await this.stopAll();
      process.exit(1);
    }
  }

  /**
   * Stops everything on the first SIGINT/SIGTERM and exits; a second signal exits at once, so a stuck
   * dependency can never make Ctrl-C useless.
   */
  stopOnSignals(): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.stopping) {
        this.logger.warn({ signal }, 'second signal: exiting without finishing shutdown');
        process.exit(130);
      }
      this.stopping = true;
      this.logger.info({ signal }, 'stopping');
      void this.stopAll().then((clean) => {
        this.logger.info('stopped');
        process.exit(clean ? 0 : 1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}
