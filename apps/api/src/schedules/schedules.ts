// What the schedule rpcs need from the api process: the table, a way to wake the loop, the clock.
import type { ScheduleStore } from './schedule-store.ts';

export interface Schedules {
  store: ScheduleStore;
  /** Tells the scheduler loop a schedule changed (it may be due now). */
  wake(): void;
  now(): number;
}
