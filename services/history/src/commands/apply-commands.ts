import { temporal } from '@kairos/proto';
import { requestCancelActivityTask, scheduleActivityTask } from './activity-commands.ts';
import {
  cancelWorkflowExecution,
  completeWorkflowExecution,
  failWorkflowExecution,
} from './close-commands.ts';
import type { CommandContext, CommandRejection, CommandResult } from './command-context.ts';
import { continueAsNewWorkflowExecution } from './continue-as-new.ts';
import { recordMarker } from './record-marker.ts';
import { cancelTimer, startTimer } from './timer-commands.ts';
import { modifyWorkflowProperties, upsertWorkflowSearchAttributes } from './workflow-properties.ts';
import { applyProtocolMessageCommand } from '../updates/protocol-messages.ts';
import {
  requestCancelExternalWorkflowExecution,
  signalExternalWorkflowExecution,
  startChildWorkflowExecution,
} from '../children/child-commands.ts';

const { CommandType, WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;
type ICommand = temporal.api.command.v1.ICommand;

const CLOSE_COMMANDS = new Set<number>([
  CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
]);

/**
 * Applies a workflow task's commands in order (their sequence was checked by checkCommandSequence:
 * known types, close command last). The first rejected command stops it; the caller then discards
 * everything applied so far and fails the workflow task with the rejection.
 */
export function applyCommands(
  context: CommandContext,
  commands: readonly ICommand[],
): CommandRejection | undefined {
  for (const command of commands) {
    const type = command.commandType ?? CommandType.COMMAND_TYPE_UNSPECIFIED;
    const rejection = applyCommand(context, command, type);
    if (rejection) return rejection;
  }
  return undefined;
}

export function hasCloseCommand(commands: readonly ICommand[]): boolean {
  return commands.some((command) => CLOSE_COMMANDS.has(command.commandType ?? 0));
}

function applyCommand(context: CommandContext, command: ICommand, type: number): CommandResult {
  switch (type) {
    case CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK:
      return scheduleActivityTask(context, command.scheduleActivityTaskCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK:
      return requestCancelActivityTask(context, command.requestCancelActivityTaskCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_START_TIMER:
      return startTimer(context, command.startTimerCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_CANCEL_TIMER:
      return cancelTimer(context, command.cancelTimerCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_RECORD_MARKER:
      return recordMarker(context, command.recordMarkerCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
      return upsertWorkflowSearchAttributes(
        context,
        command.upsertWorkflowSearchAttributesCommandAttributes ?? {},
      );
    case CommandType.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES:
      return modifyWorkflowProperties(context, command.modifyWorkflowPropertiesCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE:
      return applyProtocolMessageCommand(context, command.protocolMessageCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION:
      return startChildWorkflowExecution(context, command.startChildWorkflowExecutionCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION:
      return signalExternalWorkflowExecution(
        context,
        command.signalExternalWorkflowExecutionCommandAttributes ?? {},
      );
    case CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION:
      return requestCancelExternalWorkflowExecution(
        context,
        command.requestCancelExternalWorkflowExecutionCommandAttributes ?? {},
      );
    case CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION:
      return completeWorkflowExecution(context, command.completeWorkflowExecutionCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION:
      return failWorkflowExecution(context, command.failWorkflowExecutionCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION:
      return cancelWorkflowExecution(context, command.cancelWorkflowExecutionCommandAttributes ?? {});
    case CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION:
      return continueAsNewWorkflowExecution(
        context,
        command.continueAsNewWorkflowExecutionCommandAttributes ?? {},
      );
    default:
      // Never ignored silently: the worker sees the failure and the task is retried (and fails again)
      // until the workflow is changed or terminated, which is what Temporal does with a bad command.
      return {
        cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
        message: `Kairos does not support the command ${commandName(type)} yet`,
      };
  }
}

function commandName(type: number): string {
  return (CommandType as unknown as Record<number, string>)[type] ?? `command type ${type}`;
}
