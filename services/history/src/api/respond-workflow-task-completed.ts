import { InvalidArgument, NotFound } from '@kairos/errors';
import { workflowTaskFailureMessage } from '../rules/command-outcome.ts';
import { checkCommandSequence } from '../rules/command-sequence.ts';
import type { SearchAttributeLookup } from '../rules/search-attribute-value.ts';
import { terminateRun } from '../transitions/terminate-run.ts';
import { durationToMs, temporal, int64, int64ToNumber } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { applyCommands, hasCloseCommand } from '../commands/apply-commands.ts';
import type { CommandRejection } from '../commands/command-context.ts';
import { updateExecution, type EngineContext } from '../engine/engine-context.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState, WorkflowTaskInfo } from '../state/mutable-state.ts';
import { decodeTaskToken, requireTokenNamespace, type WorkflowTaskToken } from '../task-token.ts';
import {
  ensureWorkflowTask,
  failWorkflowTask,
  materializeTransientTask,
} from '../transitions/workflow-task.ts';
import { applyRemainingMessages, ProtocolMessages } from '../updates/protocol-messages.ts';
import { hasUndeliveredUpdates } from '../updates/update-records.ts';
import {
  discardSpeculativeTask,
  ensureUpdateWorkflowTask,
  isDiscardable,
} from '../updates/speculative-task.ts';

type CompletedRequest = temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedRequest;
const { CommandType, WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;
/** Commands whose search attributes are checked against the namespace's registry. */
const commandsSettingSearchAttributes = new Set<number>([
  CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION,
]);

/**
 * RespondWorkflowTaskCompleted: writes WorkflowTaskCompleted and the events of the task's commands,
 * then the events buffered meanwhile, and schedules the next workflow task when something is new. A
 * rejected command fails the task instead (WorkflowTaskFailed, nothing of the commands kept), as does a
 * close command while new events wait (the workflow must see them first).
 */
export async function respondWorkflowTaskCompleted(
  context: EngineContext,
  namespace: NamespaceRef,
  request: CompletedRequest,
): Promise<temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedResponse> {
  const token = requireTokenNamespace(decodeTaskToken(request.taskToken, 'workflow'), namespace.id);
  // Unknown command types and commands after a close command are malformed requests: refused before
  // anything is written, as Temporal does. Known commands Kairos lacks fail the task (applyCommands).
  checkCommandSequence(request.commands ?? []);
  // The transition cannot wait, so the namespace's search attributes are read (cached) beforehand.
  const setsSearchAttributes = (request.commands ?? []).some((command) =>
    commandsSettingSearchAttributes.has(command.commandType ?? 0),
  );
  const searchAttributeLookup = setsSearchAttributes
    ? await context.searchAttributeLookup?.(token.namespaceId)
    : undefined;
  let resetHistoryEventId: number | undefined;
  const rejection = await updateExecution(
    context,
    { namespaceId: token.namespaceId, workflowId: token.workflowId, runId: token.runId },
    (mutation): CommandRejection | undefined => {
      const task = requireStartedTask(mutation.state, token);
      const identity = request.identity ?? '';
      const commands = request.commands ?? [];
      resetHistoryEventId = undefined;
      // A task that only carried updates and only rejected them leaves no trace (updates/).
      if (isDiscardable(mutation.state, task, request)) {
        resetHistoryEventId = discardSpeculativeTask(mutation, task, request);
        updateStickiness(mutation.state, request.stickyAttributes);
        return undefined;
      }
      if (hasCloseCommand(commands) && mutation.state.bufferedEvents.length > 0) {
        failWorkflowTask(mutation, {
          kind: 'failed',
          cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
          failure: {
            message: 'new events arrived while the workflow task ran; the workflow must handle them first',
          },
          identity,
        });
        return undefined;
      }
      const scratch = new ExecutionMutation(mutation.state, mutation.now);
      const rejection = completeTask(scratch, task, request, searchAttributeLookup, namespace);
      if (rejection) {
        // As Temporal: a retry rejected again is not failed at once (the worker would get the same
        // failing task straight back, in a loop); it stays started and its timeout retries it.
        if (task.attempt > 1) return rejection;
        const message = workflowTaskFailureMessage(rejection);
        failWorkflowTask(mutation, {
          kind: 'failed',
          cause: rejection.cause,
          failure: { message, source: 'Server', serverFailureInfo: { nonRetryable: false } },
          identity,
        });
        if (rejection.terminatesWorkflow)
          terminateRun(mutation, { reason: message, identity: 'history-service' });
        return rejection;
      }
      mutation.adopt(scratch);
      return undefined;
    },
  );
  // As Temporal: the failure is recorded (and a new task scheduled), and the worker hears why.
  if (rejection) throw new InvalidArgument(workflowTaskFailureMessage(rejection));
  // The worker rolls its history back to this event, forgetting the discarded task's events; the
  // update callers waiting for the rejections are woken here, since no event was written.
  if (resetHistoryEventId !== undefined) {
    context.notifier.notify(token.runId);
    return { activityTasks: [], resetHistoryEventId: int64(resetHistoryEventId) };
  }
  return { activityTasks: [] };
}

function completeTask(
  mutation: ExecutionMutation,
  originalTask: WorkflowTaskInfo,
  request: CompletedRequest,
  searchAttributeLookup: SearchAttributeLookup | undefined,
  namespace: NamespaceRef,
): CommandRejection | undefined {
  const state = mutation.state;
  const task = state.workflowTask ?? originalTask;
  materializeTransientTask(mutation, task);
  const completed = mutation.append('workflowTaskCompleted', {
    scheduledEventId: int64(task.scheduledEventId),
    startedEventId: int64(task.startedEventId ?? 0),
    identity: request.identity ?? '',
    binaryChecksum: request.binaryChecksum ?? '',
    workerVersion: request.workerVersionStamp ?? null,
    sdkMetadata: request.sdkMetadata ?? null,
    meteringMetadata: request.meteringMetadata ?? null,
    deployment: request.deployment ?? null,
  });
  state.lastCompletedWorkflowTaskStartedEventId = task.startedEventId ?? 0;
  // Buffered events are held back until the command events are written.
  const buffered = state.bufferedEvents;
  state.bufferedEvents = [];
  state.workflowTask = undefined;
  mutation.workflowTaskDeferred = true;
  const commandContext = {
    mutation,
    completedEventId: int64ToNumber(completed.eventId),
    identity: request.identity ?? '',
    bufferedEvents: buffered,
    searchAttributeLookup,
    namespace,
    protocolMessages: new ProtocolMessages(request.messages ?? []),
  };
  const rejection =
    applyCommands(commandContext, request.commands ?? []) ?? applyRemainingMessages(commandContext, task);
  if (rejection) return rejection;
  mutation.workflowTaskDeferred = false;
  updateStickiness(state, request.stickyAttributes);
  state.bufferedEvents = buffered;
  const hadNewEvents = mutation.flushBufferedEvents();
  if (hadNewEvents || mutation.workflowTaskWanted || request.forceCreateNewWorkflowTask)
    ensureWorkflowTask(mutation);
  // Updates admitted while this task ran need a task of their own.
  else if (hasUndeliveredUpdates(state, task)) ensureUpdateWorkflowTask(mutation);
  return undefined;
}

function updateStickiness(
  state: MutableState,
  sticky: temporal.api.taskqueue.v1.IStickyExecutionAttributes | null | undefined,
): void {
  const name = sticky?.workerTaskQueue?.name;
  if (!name || state.status !== 'running') {
    state.sticky = undefined;
    return;
  }
  state.sticky = {
    taskQueue: name,
    scheduleToStartTimeoutMs: durationToMs(sticky.scheduleToStartTimeout) || 10_000,
  };
}

/** The token must name the run's current, started workflow task; anything else is stale. */
export function requireStartedTask(state: MutableState, token: WorkflowTaskToken): WorkflowTaskInfo {
  const task = state.workflowTask;
  if (
    state.status !== 'running' ||
    !task ||
    task.startedEventId === undefined ||
    task.scheduledEventId !== token.scheduledEventId ||
    task.attempt !== token.attempt ||
    task.startedEventId !== token.startedEventId
  ) {
    throw new NotFound('Workflow task not found.');
  }
  return task;
}
