// The api process's part in schedules: the table, the loop, and what the rpcs get (docs/schedules.md).
import type { PrismaClient } from '@kairos/db';
import type { HistoryClient } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import { startScheduler } from './scheduler.ts';
import { ScheduleStore } from './schedule-store.ts';
import type { Schedules } from './schedules.ts';

export interface SchedulesHost {
  schedules: Schedules;
  stop(): Promise<void>;
}

export function startSchedules(options: {
  prisma: PrismaClient;
  history: HistoryClient;
  logger: Logger;
}): SchedulesHost {
  const store = new ScheduleStore(options.prisma);
  const now = Date.now;
  const scheduler = startScheduler({ store, history: options.history, logger: options.logger, now });
  return {
    schedules: { store, wake: () => scheduler.wake(), now },
    stop: () => scheduler.stop(),
  };
}
