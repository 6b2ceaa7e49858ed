import type { HistoryClient, NamespaceRef, PollerInfo } from '../../src/client.ts';
import type { TaskMessage } from '../../src/task-message.ts';
import { NAMESPACE_ID, TASK_QUEUE, WORKFLOW_ID } from './execution-fixture.ts';

/** Drives a history engine the way the api and matching do, for tests over memory or Postgres. */
export const NAMESPACE: NamespaceRef = { id: NAMESPACE_ID, name: 'default' };

/** Starts a run on the normal queue `orders`; answers its run id. */
export async function startWorkflow(
  history: HistoryClient,
  workflowId = WORKFLOW_ID,
  requestId = `start-${workflowId}`,
): Promise<string> {
  const { runId } = await history.startWorkflowExecution(NAMESPACE, {
    workflowId,
    workflowType: { name: 'ProcessOrder' },
    taskQueue: { name: TASK_QUEUE },
    requestId,
  });
  if (!runId) throw new Error('start answered no run id');
  return runId;
}

let pollCount = 0;

/** A poller takes `task` (on the queue it was published to unless `poller` says otherwise). */
export function pollTask(history: HistoryClient, task: TaskMessage, poller: Partial<PollerInfo> = {}) {
  pollCount += 1;
  return history.recordWorkflowTaskStarted(task, {
    identity: 'worker-1',
    pollRequestId: `poll-${pollCount}`,
    taskQueue: task.taskQueue,
    taskQueueKind: task.taskQueueKind,
    ...poller,
  });
}

/** A poller takes the run's first workflow task (event 2, on `orders`), as matching would hand it over. */
export function pollFirstWorkflowTask(history: HistoryClient, workflowId: string, runId: string) {
  return pollTask(history, {
    kind: 'workflow',
    namespaceId: NAMESPACE_ID,
    workflowId,
    runId,
    taskQueue: TASK_QUEUE,
    taskQueueKind: 'normal',
    normalTaskQueue: TASK_QUEUE,
    scheduledEventId: 2,
    attempt: 1,
    scheduledAtMs: Date.now(),
  });
}

export function signal(history: HistoryClient, runId: string, signalName: string, workflowId = WORKFLOW_ID) {
  return history.signalWorkflowExecution(NAMESPACE, { workflowExecution: { workflowId, runId }, signalName });
}
