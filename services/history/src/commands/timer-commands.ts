import { msToDuration, temporal, int64, int64ToNumber } from '@kairos/proto';
import { checkCancelTimerCommand } from '../rules/cancel-timer-command.ts';
import { checkStartTimerCommand } from '../rules/timer-command.ts';
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
  const checked = checkCancelTimerCommand(command, {
    pendingTimerIds: new Set(Object.keys(mutation.state.timers)),
  });
  if (!checked.ok) return checked;
  const timer = mutation.state.timers[checked.attributes.timerId]!;
  mutation.append('timerCanceled', {
    timerId: timer.timerId,
    startedEventId: int64(timer.startedEventId),
    workflowTaskCompletedEventId: int64(context.completedEventId),
    identity: context.identity,
  });
  delete mutation.state.timers[timer.timerId];
  return undefined;
}
