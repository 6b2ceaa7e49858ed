import type { Logger } from '@kairos/telemetry';

/**
 * Runs the stop steps (in the order given) on the first SIGINT/SIGTERM; a second signal exits at
 * once, so a stuck dependency can never make Ctrl-C useless.
 */
export function stopOnSignals(logger: Logger, steps: { name: string; stop: () => Promise<void> }[]): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without finishing shutdown');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    void (async () => {
      let failed = false;
      for (const step of steps) {
        try {
          await step.stop();
        } catch (error) {
          failed = true;
          logger.error({ err: error, step: step.name }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      process.exit(failed ? 1 : 0);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
