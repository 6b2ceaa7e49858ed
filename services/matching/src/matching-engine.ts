import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Unavailable } from '@kairos/errors';
import type {
  HistoryClient,
  NamespaceRef,
  PollerInfo,
  QueryTarget,
  TaskMessage,
} from '@kairos/history/client';
import type { temporal } from '@kairos/proto';
import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';
import { BacklogStore } from './backlog-store.ts';
import type { MatchingClient } from './client.ts';
import { describeTaskQueue } from './describe-task-queue.ts';
import { withLinkedSignal } from './linked-signal.ts';
import { longPoll, type LongPollResult } from './long-poll.ts';
import { PollerHistory } from './poller-history.ts';
import { completeQuery, dispatchQuery } from './query-dispatch.ts';
import { queryTaskResponse } from './query-task-response.ts';
import { QueryTasks } from './query-tasks.ts';
import { StickyQueues } from './sticky-queues.ts';
import { moveStickyQueue, sweepDeadStickyQueues } from './sticky-sweeper.ts';
import { dispatchTask } from './task-dispatch.ts';
import { isStickyKind, requireQueueName, type TaskQueueKey, type TaskType } from './task-queue-key.ts';
import { TaskRates } from './task-rates.ts';
import { WaitingPolls } from './waiting-polls.ts';

export interface MatchingEngineOptions {
  pool: pg.Pool;
  /** Only the two calls that start a matched task are needed. */
  history: Pick<HistoryClient, 'recordWorkflowTaskStarted' | 'recordActivityTaskStarted'>;
  logger: Logger;
  /** How long a poll waits before answering empty (Temporal: about a minute). */
  longPollMs?: number;
  /** How long a sticky queue counts as alive after its last poll (Temporal: 10 s). */
  stickyPollerGraceMs?: number;
  /** How often a waiting poll looks at the backlog anyway, for rows other processes added. */
  backlogRecheckMs?: number;
  /** Backlog claims open at once (each holds a pool connection during a history call). */
  maxOpenClaims?: number;
}

/** Dead sticky queues and idle pollers are forgotten after this long. */
const forgetAfterMs = 5 * 60_000;

/**
 * The matching service: routes tasks from the bus to long polls (directly, or through the Postgres
 * backlog), starts them through history, relays legacy queries, and describes task queues. Several
 * engines may share one database; each sync-matches to its own polls and all claim from the backlog.
 */
export class MatchingEngine implements MatchingClient {
  /** Names this process in query ids, so an answer can be routed back to the process holding the query. */
  readonly instanceId = randomUUID();
  private readonly history: MatchingEngineOptions['history'];
  private readonly logger: Logger;
  private readonly longPollMs: number;
  private readonly graceMs: number;
  private readonly recheckMs: number;
  /** Everything the engine's operations share (each takes the part it needs). */
  private readonly parts: {
    backlog: BacklogStore;
    waiting: WaitingPolls;
    stickyQueues: StickyQueues;
    queries: QueryTasks;
    pollers: PollerHistory;
    rates: TaskRates;
    logger: Logger;
    graceMs: number;
    instanceId: string;
  };
  private readonly closing = new AbortController();
  private readonly sweepTimer: NodeJS.Timeout;
  private sweeping: Promise<void> | undefined;

  constructor(options: MatchingEngineOptions) {
    // Every waiting poll listens on this signal; hundreds of polls are normal, not a leak.
    setMaxListeners(0, this.closing.signal);
    this.history = options.history;
    this.logger = options.logger;
    this.longPollMs = options.longPollMs ?? 60_000;
    this.graceMs = options.stickyPollerGraceMs ?? 10_000;
    this.recheckMs = options.backlogRecheckMs ?? 1_000;
    this.parts = {
      backlog: new BacklogStore(options.pool, options.logger, options.maxOpenClaims),
      waiting: new WaitingPolls(),
      stickyQueues: new StickyQueues(this.graceMs),
      queries: new QueryTasks(),
      pollers: new PollerHistory(),
      rates: new TaskRates(),
      logger: options.logger,
      graceMs: this.graceMs,
      instanceId: this.instanceId,
    };
    const sweepEveryMs = Math.min(5_000, Math.max(50, this.graceMs / 2));
    this.sweepTimer = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweepTimer.unref();
  }

  /** The bus handler's work for one message of `kairos.tasks`; resolves once the task is durable. */
  handleTaskMessage(task: TaskMessage): Promise<void> {
    return dispatchTask(this.parts, task);
  }

  async pollWorkflowTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IPollWorkflowTaskQueueRequest,
    signal: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse> {
    const name = requireQueueName(request.taskQueue);
    const sticky = isStickyKind(request.taskQueue?.kind);
    const key: TaskQueueKey = { namespaceId: namespace.id, name, type: 'workflow' };
    const poller = pollerInfo(request.identity, name, sticky);
    if (sticky) this.parts.stickyQueues.pollStarted(namespace.id, name);
    try {
      const result = await this.poll(key, poller.identity, undefined, signal, {
        recordStarted: (task) => this.history.recordWorkflowTaskStarted(task, poller),
        takeQuery: () => this.parts.queries.take(key),
      });
      if (result?.kind === 'query') return queryTaskResponse(result.query);
      return result?.response ?? {};
    } finally {
      if (sticky) this.parts.stickyQueues.pollEnded(namespace.id, name);
    }
  }

  async pollActivityTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IPollActivityTaskQueueRequest,
    signal: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IPollActivityTaskQueueResponse> {
    const name = requireQueueName(request.taskQueue);
    const key: TaskQueueKey = { namespaceId: namespace.id, name, type: 'activity' };
    const poller = pollerInfo(request.identity, name, false);
    const rate = request.taskQueueMetadata?.maxTasksPerSecond?.value ?? undefined;
    const result = await this.poll(key, poller.identity, rate, signal, {
      recordStarted: (task) => this.history.recordActivityTaskStarted(task, poller),
    });
    return result?.kind === 'task' ? result.response : {};
  }

  queryWorkflow(
    namespace: NamespaceRef,
    target: QueryTarget,
    query: temporal.api.query.v1.IWorkflowQuery,
    signal: AbortSignal,
  ): Promise<temporal.api.workflowservice.v1.IQueryWorkflowResponse> {
    return dispatchQuery(this.parts, namespace, target, query, signal);
  }

  async respondQueryTaskCompleted(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRespondQueryTaskCompletedRequest,
  ): Promise<void> {
    completeQuery(this.parts, namespace, request);
  }

  describeTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IDescribeTaskQueueRequest,
  ): Promise<temporal.api.workflowservice.v1.IDescribeTaskQueueResponse> {
    return describeTaskQueue(this.parts, namespace, request);
  }

  async shutdownWorker(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IShutdownWorkerRequest,
  ): Promise<void> {
    const stickyQueue = request.stickyTaskQueue;
    if (!stickyQueue) return;
    this.parts.stickyQueues.shutDown(namespace.id, stickyQueue);
    await moveStickyQueue(this.parts, namespace.id, stickyQueue);
  }

  /** Polls of the queue waiting idle in this process right now (for metrics and tests). */
  idlePollCount(namespaceId: string, taskQueue: string, type: TaskType): number {
    return this.parts.waiting.idleCount({ namespaceId, name: taskQueue, type });
  }

  /** Ends waiting polls (empty answers) and pending queries (UNAVAILABLE) and stops the sweeper. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.closing.abort();
    for (const query of this.parts.queries.all()) {
      this.parts.queries.remove(query);
      query.fail(new Unavailable('matching is shutting down; retry the query'));
    }
    await this.sweeping;
  }

  private async poll<Response>(
    key: TaskQueueKey,
    identity: string,
    ratePerSecond: number | undefined,
    signal: AbortSignal,
    handlers: {
      recordStarted(task: TaskMessage): Promise<Response>;
      takeQuery?: () => ReturnType<QueryTasks['take']>;
    },
  ): Promise<LongPollResult<Response>> {
    this.parts.pollers.record(key, identity, ratePerSecond);
    const deadline = Date.now() + this.longPollMs;
    const result = await withLinkedSignal([signal, this.closing.signal], async (pollSignal) => {
      const polled = await longPoll(
        { ...this.parts, recheckMs: this.recheckMs },
        { key, signal: pollSignal, deadline, ...handlers },
      );
      if (polled?.kind === 'query' && pollSignal.aborted) {
        // Never hand a task to a poll that is gone: the query waits for the next poll instead.
        this.parts.queries.putBack(polled.query);
        this.parts.waiting.wake(key);
        return undefined;
      }
      return polled;
    });
    this.parts.pollers.record(key, identity, ratePerSecond);
    if (result?.kind === 'task') this.parts.rates.dispatched(key);
    return result;
  }

  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = sweepDeadStickyQueues(this.parts)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'sticky queue sweep failed'))
      .finally(() => {
        this.parts.stickyQueues.prune(forgetAfterMs, (namespaceId, name) =>
          this.parts.waiting.count({ namespaceId, name, type: 'workflow' }),
        );
        this.parts.pollers.prune();
        this.parts.rates.prune();
        this.sweeping = undefined;
      });
  }
}

function pollerInfo(identity: string | null | undefined, taskQueue: string, sticky: boolean): PollerInfo {
  return {
    identity: identity ?? '',
    pollRequestId: randomUUID(),
    taskQueue,
    taskQueueKind: sticky ? 'sticky' : 'normal',
  };
}
