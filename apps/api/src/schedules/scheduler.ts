// The scheduler loop, hosted by every api process: it wakes at the earliest due schedule (at least every
// `pollMs`, since another api process may have created one), claims due schedules one transaction each
// (FOR UPDATE SKIP LOCKED: safe with any number of api processes) and runs their step. Rpcs that change
// a schedule wake it at once.
import type { HistoryClient } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import { runScheduleStep } from './schedule-step.ts';
import type { ScheduleStore } from './schedule-store.ts';

export interface SchedulerOptions {
  store: ScheduleStore;
  history: HistoryClient;
  logger: Logger;
  /** Longest sleep between looks at the table (default 250 ms). */
  pollMs?: number;
  /** Schedules stepped at once (each holds a database connection while it calls history). */
  concurrency?: number;
  now?: () => number;
}

export interface Scheduler {
  /** Look at the table now (a schedule was created, changed, triggered or backfilled). */
  wake(): void;
  stop(): Promise<void>;
}

const failureBackoffMs = 1_000;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const pollMs = options.pollMs ?? 250;
  const concurrency = options.concurrency ?? 2;
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: 'scheduler' });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let sleeping: (() => void) | undefined;
  let woken = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) {
        woken = false;
        resolve();
        return;
      }
      sleeping = resolve;
      timer = setTimeout(resolve, Math.max(0, ms));
    }).finally(() => {
      clearTimeout(timer);
      sleeping = undefined;
    });

  /** Steps due schedules until none is left; one worker of `concurrency`. */
  const drain = async () => {
    while (!stopped) {
      const stepped = await options.store.processDue(now(), (record) =>
        runScheduleStep(record, { history: options.history, logger: log, now }),
      );
      if (!stepped) return;
    }
  };

  const loop = async () => {
    while (!stopped) {
      let delay = pollMs;
      try {
        let earliest = await options.store.earliestDueMs();
        if (earliest !== undefined && earliest <= now()) {
          await Promise.all(Array.from({ length: concurrency }, drain));
          earliest = await options.store.earliestDueMs();
        }
        if (earliest !== undefined) delay = Math.min(pollMs, earliest - now());
      } catch (error) {
        if (stopped) return;
        log.warn({ err: error }, 'scheduler step failed; retrying');
        delay = failureBackoffMs;
      }
      await sleep(delay);
    }
  };
  const running = loop();

  return {
    wake() {
      woken = true;
      sleeping?.();
    },
    async stop() {
      stopped = true;
      sleeping?.();
      await running;
    },
  };
}
