import type { TaskMessage } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import type { BacklogStore } from './backlog-store.ts';
import { PollWaiter, type SyncMatch } from './poll-waiter.ts';
import type { PendingQuery } from './query-tasks.ts';
import type { TaskQueueKey } from './task-queue-key.ts';
import { startTask, type StartOutcome } from './task-starter.ts';
import type { WaitingPolls } from './waiting-polls.ts';

export interface LongPollDependencies {
  backlog: BacklogStore;
  waiting: WaitingPolls;
  logger: Logger;
  /** How often a waiting poll looks at the backlog anyway (rows other processes added). */
  recheckMs: number;
}

export interface LongPollRequest<Response> {
  key: TaskQueueKey;
  /** Aborted when the caller gives up (or the engine closes). */
  signal: AbortSignal;
  /** Epoch ms when the poll answers empty. */
  deadline: number;
  recordStarted(task: TaskMessage): Promise<Response>;
  /** Workflow polls also serve legacy query tasks, ahead of workflow tasks. */
  takeQuery?(): PendingQuery | undefined;
}

export type LongPollResult<Response> =
  | { kind: 'task'; task: TaskMessage; response: Response }
  | { kind: 'query'; query: PendingQuery }
  | undefined;

/**
 * One long poll: look for a query task, then claim from the backlog, then wait to be handed a task
 * (sync match) or woken; repeat until something is started, the deadline passes or the poll is
 * aborted. Stale tasks are dropped and the poll goes on; a task history could not start goes back to
 * the backlog and this poll leaves the backlog alone until its next recheck, so an outage of history
 * does not turn into a busy loop.
 */
export async function longPoll<Response>(
  dependencies: LongPollDependencies,
  request: LongPollRequest<Response>,
): Promise<LongPollResult<Response>> {
  const waiter = new PollWaiter(request.signal);
  dependencies.waiting.add(request.key, waiter);
  try {
    let backlogPausedUntil = 0;
    while (!request.signal.aborted && Date.now() < request.deadline) {
      const query = request.takeQuery?.();
      if (query) return { kind: 'query', query };

      if (Date.now() >= backlogPausedUntil) {
        const claimed = await claimFromBacklog(dependencies, request);
        if (claimed.kind === 'started')
          return { kind: 'task', task: claimed.task, response: claimed.response };
        if (claimed.kind === 'returned') backlogPausedUntil = Date.now() + dependencies.recheckMs;
      }

      const now = Date.now();
      const match = await waiter.wait(Math.min(request.deadline, now + dependencies.recheckMs) - now);
      if (!match) continue;
      const outcome = await startSyncMatch(dependencies, request, match);
      if (outcome.kind === 'started') return { kind: 'task', task: match.task, response: outcome.response };
      if (outcome.kind === 'returned') backlogPausedUntil = Date.now() + dependencies.recheckMs;
    }
    return undefined;
  } finally {
    dependencies.waiting.delete(request.key, waiter);
  }
}

type Claimed<Response> =
  { kind: 'started'; task: TaskMessage; response: Response } | { kind: 'empty' } | { kind: 'returned' };

/** Claims backlog tasks oldest first until one starts, the backlog is empty, or one must stay. */
async function claimFromBacklog<Response>(
  { backlog, logger }: LongPollDependencies,
  request: LongPollRequest<Response>,
): Promise<Claimed<Response>> {
  for (;;) {
    const claim = await backlog.claimOldest(request.key, async (task) => {
      const outcome = await startTask(task, request.signal, () => request.recordStarted(task), logger);
      return { decision: outcome.kind === 'returned' ? 'keep' : 'remove', value: { task, outcome } };
    });
    if (!claim.claimed) return { kind: 'empty' };
    const { task, outcome } = claim.value;
    if (outcome.kind === 'started') return { kind: 'started', task, response: outcome.response };
    if (outcome.kind === 'returned') return { kind: 'returned' };
  }
}

/**
 * Starts a task handed over by the bus handler and settles it: the handler (and with it the bus
 * commit) waits until the task is started, dropped as stale, or safely back in the backlog.
 */
async function startSyncMatch<Response>(
  { backlog, waiting, logger }: LongPollDependencies,
  request: LongPollRequest<Response>,
  match: SyncMatch,
): Promise<StartOutcome<Response>> {
  const outcome = await startTask(
    match.task,
    request.signal,
    () => request.recordStarted(match.task),
    logger,
  );
  if (outcome.kind !== 'returned') {
    match.settle();
    return outcome;
  }
  try {
    await backlog.insert(match.task);
    match.settle();
    // Another poll of the queue may take it at once (this one may have been aborted).
    waiting.wake(request.key);
  } catch (error) {
    // The bus handler fails and the bus redelivers the message: the task is still not lost.
    logger.warn({ err: error, task: match.task }, 'could not put a sync-matched task back in the backlog');
    match.settle(error);
  }
  return outcome;
}
