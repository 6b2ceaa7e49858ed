import { int64, msToDuration, temporal } from '@kairos/proto';

/** Workflow task commands as an SDK sends them, for the tests that complete workflow tasks. */
const { CommandType } = temporal.api.enums.v1;
type ICommand = temporal.api.command.v1.ICommand;

export function startTimer(timerId: string, timeoutMs = 30_000): ICommand {
  return {
    commandType: CommandType.COMMAND_TYPE_START_TIMER,
    startTimerCommandAttributes: { timerId, startToFireTimeout: msToDuration(timeoutMs) },
  };
}

export function cancelTimer(timerId: string): ICommand {
  return { commandType: CommandType.COMMAND_TYPE_CANCEL_TIMER, cancelTimerCommandAttributes: { timerId } };
}

export function completeWorkflow(): ICommand {
  return {
    commandType: CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
    completeWorkflowExecutionCommandAttributes: {},
  };
}

export function scheduleActivity(
  activityId: string,
  options: {
    taskQueue?: string;
    scheduleToCloseMs?: number;
    startToCloseMs?: number;
    retryPolicy?: temporal.api.common.v1.IRetryPolicy;
  } = {},
): ICommand {
  return {
    commandType: CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
    scheduleActivityTaskCommandAttributes: {
      activityId,
      activityType: { name: 'ChargeCard' },
      taskQueue: { name: options.taskQueue ?? 'orders' },
      scheduleToCloseTimeout: msToDuration(options.scheduleToCloseMs ?? 60_000),
      startToCloseTimeout: msToDuration(options.startToCloseMs ?? 10_000),
      retryPolicy: options.retryPolicy ?? null,
    },
  };
}

export function requestCancelActivity(scheduledEventId: number): ICommand {
  return {
    commandType: CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK,
    requestCancelActivityTaskCommandAttributes: { scheduledEventId: int64(scheduledEventId) },
  };
}
