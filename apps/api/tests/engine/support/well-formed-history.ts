import { int64ToNumber } from '@kairos/proto';
import { eventTypeName, type HistoryEvent } from './history-events.ts';

const closeEvents = new Set([
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionContinuedAsNew',
]);

/**
 * What every closed run's history must satisfy however its events raced: ids 1..n without a gap,
 * Started first and the close event last; one workflow task at a time, each Scheduled followed by its
 * Started (other events, e.g. signals, may come between) and the Started immediately by the task's
 * Completed, Failed or TimedOut naming both; and every activity event naming an earlier Scheduled
 * (Started, then one Completed/Failed/TimedOut/Canceled per scheduled activity at most). Returns the
 * problems found, empty when there are none, so a failing test prints all of them.
 */
export function historyProblems(events: HistoryEvent[]): string[] {
  const problems: string[] = [];
  const types = events.map(eventTypeName);
  const at = (index: number): string => `event ${index + 1} (${types[index]})`;
  events.forEach((event, index) => {
    if (int64ToNumber(event.eventId) !== index + 1) problems.push(`${at(index)} has id ${event.eventId}`);
  });
  if (types[0] !== 'WorkflowExecutionStarted') problems.push(`${at(0)} is not WorkflowExecutionStarted`);
  const closeIndex = types.findIndex((type) => closeEvents.has(type));
  if (closeIndex === -1) problems.push('no close event');
  else if (closeIndex !== types.length - 1)
    problems.push(`${types.length - closeIndex - 1} events after the close`);
  problems.push(...workflowTaskProblems(events, types, at), ...activityProblems(events, types, at));
  return problems;
}

function workflowTaskProblems(
  events: HistoryEvent[],
  types: string[],
  at: (index: number) => string,
): string[] {
  const problems: string[] = [];
  let scheduledId: number | undefined;
  let startedId: number | undefined;
  events.forEach((event, index) => {
    const id = index + 1;
    switch (types[index]) {
      case 'WorkflowTaskScheduled':
        if (scheduledId !== undefined) problems.push(`${at(index)}: task ${scheduledId} still open`);
        scheduledId = id;
        startedId = undefined;
        break;
      case 'WorkflowTaskStarted': {
        const scheduled = int64ToNumber(event.workflowTaskStartedEventAttributes?.scheduledEventId);
        if (scheduledId === undefined || startedId !== undefined || scheduled !== scheduledId)
          problems.push(`${at(index)} names scheduled ${scheduled}, open task ${scheduledId}`);
        startedId = id;
        break;
      }
      case 'WorkflowTaskCompleted':
      case 'WorkflowTaskFailed':
      case 'WorkflowTaskTimedOut': {
        const attributes =
          event.workflowTaskCompletedEventAttributes ??
          event.workflowTaskFailedEventAttributes ??
          event.workflowTaskTimedOutEventAttributes;
        const scheduled = int64ToNumber(attributes?.scheduledEventId);
        const started = int64ToNumber(attributes?.startedEventId);
        // A schedule-to-start timeout (sticky queue) closes a task that never started.
        const neverStarted = types[index] === 'WorkflowTaskTimedOut' && startedId === undefined;
        if (scheduled !== scheduledId || (!neverStarted && started !== startedId))
          problems.push(`${at(index)} names ${scheduled}/${started}, open task ${scheduledId}/${startedId}`);
        else if (!neverStarted && id !== startedId! + 1)
          problems.push(`${at(index)} does not directly follow its Started (event ${startedId})`);
        scheduledId = undefined;
        startedId = undefined;
        break;
      }
      default:
        if (startedId !== undefined) problems.push(`${at(index)} between a task's Started and its end`);
    }
  });
  return problems;
}

function activityProblems(events: HistoryEvent[], types: string[], at: (index: number) => string): string[] {
  const problems: string[] = [];
  const started = new Map<number, number>();
  const closed = new Set<number>();
  const scheduled = new Set<number>();
  events.forEach((event, index) => {
    const type = types[index]!;
    if (type === 'ActivityTaskScheduled') scheduled.add(index + 1);
    if (!type.startsWith('ActivityTask') || type === 'ActivityTaskScheduled') return;
    if (type === 'ActivityTaskCancelRequested') return;
    const attributes =
      event.activityTaskStartedEventAttributes ??
      event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes;
    const scheduledId = int64ToNumber(attributes?.scheduledEventId);
    if (!scheduled.has(scheduledId)) problems.push(`${at(index)} names unknown scheduled ${scheduledId}`);
    if (closed.has(scheduledId)) problems.push(`${at(index)}: activity ${scheduledId} already closed`);
    if (type === 'ActivityTaskStarted') {
      if (started.has(scheduledId)) problems.push(`${at(index)}: activity ${scheduledId} started twice`);
      started.set(scheduledId, index + 1);
      return;
    }
    closed.add(scheduledId);
    const startedId = int64ToNumber(
      (event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes)?.startedEventId,
    );
    const isResult = type === 'ActivityTaskCompleted' || type === 'ActivityTaskFailed';
    if (isResult && startedId !== started.get(scheduledId))
      problems.push(`${at(index)} names started ${startedId}, recorded ${started.get(scheduledId)}`);
  });
  return problems;
}
