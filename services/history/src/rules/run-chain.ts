/**
 * Rules for chaining runs of one workflow id (continue-as-new, workflow retry, cron).
 *
 * `history.continueAsNewMinInterval` (1 s by default in Temporal): consecutive runs of a chain start
 * at least this far apart, so a workflow that continues as new in a tight loop cannot spin the server.
 */
export const continueAsNewMinIntervalMs = 1000;

/**
 * The next run's first-workflow-task backoff (Temporal's ContinueAsNewMinBackoff): the requested
 * backoff, raised when the closing run's lifetime (since its first workflow task could run) plus that
 * backoff is under the minimal interval.
 */
export function continueAsNewMinBackoffMs(input: {
  /** When the closing run's first workflow task could run (its start plus any backoff). */
  previousExecutionTimeMs: number;
  nowMs: number;
  requestedBackoffMs: number;
  minIntervalMs?: number;
}): number {
  const minIntervalMs = input.minIntervalMs ?? continueAsNewMinIntervalMs;
  const lifetimeMs = input.nowMs - input.previousExecutionTimeMs;
  if (lifetimeMs + input.requestedBackoffMs < minIntervalMs) return minIntervalMs - lifetimeMs;
  return input.requestedBackoffMs;
}
