import { InvalidArgument } from '@kairos/errors';
import type { NamespaceRef } from '@kairos/history/client';
import { Long, msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import type { BacklogStore } from './backlog-store.ts';
import { defaultRatePerSecond, type PollerHistory } from './poller-history.ts';
import type { QueryTasks } from './query-tasks.ts';
import { isStickyKind, requireQueueName, type TaskQueueKey, type TaskType } from './task-queue-key.ts';
import type { TaskRates } from './task-rates.ts';

const { DescribeTaskQueueMode, TaskQueueType } = temporal.api.enums.v1;
type DescribeResponse = temporal.api.workflowservice.v1.IDescribeTaskQueueResponse;

/** Temporal reports stats under priority key 3, its default priority. */
const defaultPriorityKey = 3;

export interface DescribeDependencies {
  backlog: BacklogStore;
  pollers: PollerHistory;
  rates: TaskRates;
  queries: QueryTasks;
}

/**
 * DescribeTaskQueue as Temporal answers it. Default mode: the pollers of the last five minutes for
 * one type, plus `stats` when `reportStats` and the legacy `taskQueueStatus` when
 * `includeTaskQueueStatus` (the CLI's legacy describe reads it unconditionally then). The deprecated
 * ENHANCED mode (the CLI's default describe) answers per type under the unversioned build id.
 */
export async function describeTaskQueue(
  dependencies: DescribeDependencies,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IDescribeTaskQueueRequest,
): Promise<DescribeResponse> {
  const name = requireQueueName(request.taskQueue);
  const keyFor = (type: temporal.api.enums.v1.TaskQueueType | null | undefined) => {
    const taskType = taskTypeOf(type);
    return taskType && { namespaceId: namespace.id, name, type: taskType };
  };

  if (request.apiMode === DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED) {
    const types = request.taskQueueTypes?.length
      ? request.taskQueueTypes
      : [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY];
    const typesInfo: Record<number, temporal.api.taskqueue.v1.ITaskQueueTypeInfo> = {};
    for (const type of types) {
      const key = keyFor(type);
      typesInfo[type] = {
        ...(request.reportPollers ? { pollers: pollersOf(dependencies, key) } : {}),
        ...(request.reportStats ? { stats: await statsOf(dependencies, key) } : {}),
      };
    }
    return { versionsInfo: { '': { typesInfo } } };
  }

  if (request.reportStats && isStickyKind(request.taskQueue?.kind)) {
    throw new InvalidArgument('DescribeTaskQueue stats are only supported for the root partition');
  }
  const key = keyFor(request.taskQueueType || TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW);
  const pollers = pollersOf(dependencies, key);
  const response: DescribeResponse = { pollers };
  if (request.reportStats || request.includeTaskQueueStatus) {
    const stats = await statsOf(dependencies, key);
    if (request.reportStats) {
      response.stats = stats;
      response.statsByPriorityKey = { [defaultPriorityKey]: stats };
    }
    if (request.includeTaskQueueStatus) {
      response.taskQueueStatus = {
        backlogCountHint: stats.approximateBacklogCount ?? Long.ZERO,
        // The dispatch rate in force: the lowest limit a poller asked for, else Temporal's default.
        ratePerSecond: Math.min(
          defaultRatePerSecond,
          ...pollers.map((poller) => poller.ratePerSecond ?? Infinity),
        ),
      };
    }
  }
  return response;
}

function taskTypeOf(type: temporal.api.enums.v1.TaskQueueType | null | undefined): TaskType | undefined {
  if (type === TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW) return 'workflow';
  if (type === TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY) return 'activity';
  // Nexus queues: Kairos serves none, so they have no pollers and no backlog.
  return undefined;
}

function pollersOf(
  { pollers }: DescribeDependencies,
  key: TaskQueueKey | undefined,
): temporal.api.taskqueue.v1.IPollerInfo[] {
  if (!key) return [];
  return pollers.recent(key).map((poller) => ({
    identity: poller.identity,
    lastAccessTime: msToTimestamp(poller.lastAccessTime),
    ratePerSecond: poller.ratePerSecond,
  }));
}

async function statsOf(
  { backlog, rates, queries }: DescribeDependencies,
  key: TaskQueueKey | undefined,
): Promise<temporal.api.taskqueue.v1.ITaskQueueStats> {
  if (!key) return { approximateBacklogCount: Long.ZERO, approximateBacklogAge: msToDuration(0) };
  const stored = await backlog.stats(key);
  // Query tasks wait in memory only; they count as backlog while no poller has taken them.
  const inMemory = key.type === 'workflow' ? queries.waitingCount(key) : 0;
  const { addRate, dispatchRate } = rates.rates(key);
  return {
    approximateBacklogCount: Long.fromNumber(stored.count + inMemory),
    approximateBacklogAge: msToDuration(stored.oldestAgeMs),
    tasksAddRate: addRate,
    tasksDispatchRate: dispatchRate,
  };
}
