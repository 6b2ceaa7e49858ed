import { NotFound } from '@kairos/errors';
import { msToTimestamp, temporal, int64 } from '@kairos/proto';
import type { PollerInfo } from '../client.ts';
import { updateExecution, type EngineContext } from '../engine/engine-context.ts';
import type { TaskMessage } from '../task-message.ts';
import { encodeTaskToken } from '../task-token.ts';
import type { MutableState, WorkflowTaskInfo } from '../state/mutable-state.ts';
import { startWorkflowTask, transientEvents } from '../transitions/workflow-task.ts';
import { DEFAULT_HISTORY_PAGE_SIZE, readHistoryPage } from './history-page.ts';
import { markUpdatesSent, updateRequestMessages } from '../updates/update-records.ts';

type PollResponse = temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse;

/**
 * Matching matched a workflow task to a poll: write WorkflowTaskStarted (kept transient for retries)
 * and build what the poller receives. A poll delivered through the sticky queue gets only the events
 * since the worker's last completed task; any other gets the whole history (paged).
 */
export async function recordWorkflowTaskStarted(
  context: EngineContext,
  task: TaskMessage,
  poller: PollerInfo,
): Promise<PollResponse> {
  const started = await updateExecution(
    context,
    { namespaceId: task.namespaceId, workflowId: task.workflowId, runId: task.runId },
    (mutation) => {
      const state = mutation.state;
      const workflowTask = state.workflowTask;
      if (
        state.status !== 'running' ||
        !workflowTask ||
        workflowTask.scheduledEventId !== task.scheduledEventId ||
        workflowTask.attempt !== task.attempt
      ) {
        throw new NotFound('workflow task not found');
      }
      if (workflowTask.startedEventId !== undefined) {
        // The same poll retrying its record call gets the same task; any other poll lost the race.
        if (workflowTask.startedRequestId !== poller.pollRequestId)
          throw new NotFound('workflow task already started');
      } else {
        startWorkflowTask(mutation, workflowTask, poller);
        // Admitted Workflow Updates travel with the task as protocol messages (always a normal task:
        // Kairos has no speculative workflow tasks).
        markUpdatesSent(mutation, workflowTask);
      }
      return { state: mutation.state, workflowTask, transient: transientEvents(mutation, workflowTask) };
    },
  );
  return pollResponse(context, started.state, started.workflowTask, started.transient, poller);
}

async function pollResponse(
  context: EngineContext,
  state: MutableState,
  workflowTask: WorkflowTaskInfo,
  transient: temporal.api.history.v1.IHistoryEvent[],
  poller: PollerInfo,
): Promise<PollResponse> {
  const previousStartedEventId = state.lastCompletedWorkflowTaskStartedEventId;
  const partial = poller.taskQueueKind === 'sticky' && previousStartedEventId > 0;
  const page = await readHistoryPage(context, {
    runId: state.runId,
    fromEventId: partial ? previousStartedEventId + 1 : 1,
    endEventId: state.nextEventId,
    pageSize: DEFAULT_HISTORY_PAGE_SIZE,
    transientEvents: transient,
  });
  const startedEventId = workflowTask.startedEventId ?? 0;
  return {
    taskToken: encodeTaskToken({
      kind: 'workflow',
      namespaceId: state.namespaceId,
      workflowId: state.workflowId,
      runId: state.runId,
      scheduledEventId: workflowTask.scheduledEventId,
      startedEventId,
      attempt: workflowTask.attempt,
    }),
    workflowExecution: { workflowId: state.workflowId, runId: state.runId },
    workflowType: { name: state.workflowType },
    previousStartedEventId: int64(previousStartedEventId),
    startedEventId: int64(startedEventId),
    attempt: workflowTask.attempt,
    backlogCountHint: int64(0),
    history: { events: page.events },
    nextPageToken: page.nextPageToken,
    workflowExecutionTaskQueue: {
      name: state.taskQueue,
      kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
    },
    scheduledTime: msToTimestamp(workflowTask.scheduledTimeMs),
    startedTime: msToTimestamp(workflowTask.startedTimeMs ?? workflowTask.scheduledTimeMs),
    queries: {},
    messages: updateRequestMessages(state, workflowTask),
  };
}
