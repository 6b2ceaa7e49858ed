import type { temporal } from '@kairos/proto';
import { eventTypeOf } from '../state/execution-mutation.ts';
import { workflowTimeoutFailure } from '../transitions/close-run.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * The close event as GetWorkflowExecutionHistory answers it under the CLOSE_EVENT filter (what SDKs'
 * `result()` long-polls): the reference server shows a completion, failure or timeout that started
 * another run (cron, retry) as WorkflowExecutionContinuedAsNew naming that run, with the result as
 * `lastCompletionResult` or the failure as `failure`, so every SDK follows the chain. A full history
 * read keeps the event as written.
 */
export function closeEventForFilter(event: IHistoryEvent): IHistoryEvent {
  const completed = event.workflowExecutionCompletedEventAttributes;
  const failed = event.workflowExecutionFailedEventAttributes;
  const timedOut = event.workflowExecutionTimedOutEventAttributes;
  const newExecutionRunId =
    completed?.newExecutionRunId || failed?.newExecutionRunId || timedOut?.newExecutionRunId;
  if (!newExecutionRunId) return event;
  const failure = failed?.failure ?? (timedOut ? workflowTimeoutFailure() : undefined);
  return {
    eventId: event.eventId,
    eventTime: event.eventTime,
    eventType: eventTypeOf('workflowExecutionContinuedAsNew'),
    version: event.version,
    taskId: event.taskId,
    workflowExecutionContinuedAsNewEventAttributes: {
      newExecutionRunId,
      ...(completed ? { lastCompletionResult: completed.result ?? null } : {}),
      ...(failure ? { failure } : {}),
    },
  };
}
