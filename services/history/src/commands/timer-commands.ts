import { msToDuration, temporal, int64, int64ToNumber } from '@kairos/proto';
import { checkCancelTimerCommand } from '../rules/cancel-timer-command.ts';
import { checkStartTimerCommand } from '../rules/timer-command.ts';
import { decodeEvent } from '../state/execution-mutation.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

/** StartTimer: TimerStarted and a durable timer row that fires TimerFired. */
export function startTimer(
  context: CommandContext,
  command: temporal.api.command.v1.IStartTimerCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const checked = checkStartTimerCommand(command, {
    pendingTimerIds: new Set(Object.keys(mutation.state.timers)),
  });
  if (!checked.ok) return checked;
  const { timerId, startToFireTimeoutMs } = checked.attributes;
  const started = mutation.append('timerStarted', {
    timerId,
    startToFireTimeout: command.startToFireTimeout ?? msToDuration(0),
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  const startedEventId = int64ToNumber(started.eventId);
  const fireAtMs = mutation.now + startToFireTimeoutMs;
  mutation.state.timers[timerId] = { timerId, startedEventId, fireAtMs };
  mutation.addTimer(fireAtMs, { type: 'user-timer', timerId, startedEventId });
  return undefined;
}

/** CancelTimer: TimerCanceled; the timer row fires later into nothing. */
export function cancelTimer(
  context: CommandContext,
  command: temporal.api.command.v1.ICancelTimerCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const buffered = context.bufferedEvents ?? [];
  const firedInBuffer = buffered.map((entry) => decodeEvent(entry.event).timerFiredEventAttributes);
  const checked = checkCancelTimerCommand(command, {
    pendingTimerIds: new Set(Object.keys(mutation.state.timers)),
    firedTimerIdsInBuffer: new Set(firedInBuffer.flatMap((fired) => (fired?.timerId ? [fired.timerId] : []))),
  });
  if (!checked.ok) return checked;
  const { timerId, state } = checked.attributes;
  let startedEventId: number;
  if (state === 'pending') {
    startedEventId = mutation.state.timers[timerId]!.startedEventId;
    delete mutation.state.timers[timerId];
  } else {
    // It fired while the task ran: the worker never saw TimerFired, so it is dropped for TimerCanceled.
    const index = firedInBuffer.findIndex((fired) => fired?.timerId === timerId);
    startedEventId = int64ToNumber(firedInBuffer[index]!.startedEventId);
    buffered.splice(index, 1);
  }
  mutation.append('timerCanceled', {
    timerId,
    startedEventId: int64(startedEventId),
    workflowTaskCompletedEventId: int64(context.completedEventId),
    identity: context.identity,
  });
  return undefined;
}
