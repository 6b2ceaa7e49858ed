/**
 * What a durable timer row (`timer_tasks.payload`) asks history to do when it fires. Each kind
 * re-checks the mutable state first: a timer whose activity, task or timer has moved on is a no-op.
 */
export type ActivityTimeoutType = 'schedule-to-start' | 'schedule-to-close' | 'start-to-close' | 'heartbeat';

export type TimerPayload =
  | { type: 'user-timer'; timerId: string; startedEventId: number }
  | { type: 'activity-timeout'; scheduledEventId: number; attempt: number; timeoutType: ActivityTimeoutType }
  | { type: 'activity-retry'; scheduledEventId: number; attempt: number }
  | {
      type: 'workflow-task-timeout';
      scheduledEventId: number;
      attempt: number;
      timeoutType: 'start-to-close' | 'sticky-schedule-to-start';
    }
  | { type: 'workflow-run-timeout' }
  | { type: 'workflow-execution-timeout' }
  | { type: 'workflow-backoff' };
