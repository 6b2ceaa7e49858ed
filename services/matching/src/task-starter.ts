import { isDomainError } from '@kairos/errors';
import type { TaskMessage } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';

/**
 * What became of a task matching tried to start:
 * - started: history recorded it; the poller gets `response`.
 * - stale: history no longer wants it (already started, newer attempt, run closed); drop it.
 * - returned: it was not started (poll aborted, history unavailable); it must go back to the backlog.
 */
export type StartOutcome<Response> =
  { kind: 'started'; response: Response } | { kind: 'stale' } | { kind: 'returned' };

/** Asks history to start a matched task, unless the poll was aborted (never hand a task to it). */
export async function startTask<Response>(
  task: TaskMessage,
  signal: AbortSignal,
  recordStarted: () => Promise<Response>,
  logger: Logger,
): Promise<StartOutcome<Response>> {
  if (signal.aborted) return { kind: 'returned' };
  try {
    return { kind: 'started', response: await recordStarted() };
  } catch (error) {
    if (isDomainError(error) && error.code === 'NOT_FOUND') {
      logger.debug({ task, reason: error.message }, 'dropping stale task');
      return { kind: 'stale' };
    }
    logger.warn({ err: error, task }, 'history could not start the task; it goes back to the backlog');
    return { kind: 'returned' };
  }
}
