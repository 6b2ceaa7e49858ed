import { InvalidArgument, Unimplemented } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { pascalCase } from './command-outcome.ts';

const CommandType = temporal.api.enums.v1.CommandType;
type CommandType = temporal.api.enums.v1.CommandType;

/** Commands that close the run; one may appear, and only as the last command. */
export const closeCommandTypes: ReadonlySet<CommandType> = new Set([
  CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
]);

/** Every command type Temporal's history accepts (the close ones included). */
export const knownCommandTypes: ReadonlySet<CommandType> = new Set([
  CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
  CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK,
  CommandType.COMMAND_TYPE_START_TIMER,
  CommandType.COMMAND_TYPE_CANCEL_TIMER,
  CommandType.COMMAND_TYPE_RECORD_MARKER,
  CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  CommandType.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES,
  CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE,
  CommandType.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION,
  CommandType.COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION,
  ...closeCommandTypes,
]);

/** `COMMAND_TYPE_START_TIMER` → `StartTimer`; an unknown number stays a number, as Temporal prints it. */
export function commandTypeName(type: CommandType | null | undefined): string {
  const name = CommandType[type ?? CommandType.COMMAND_TYPE_UNSPECIFIED] as string | undefined;
  return name === undefined ? String(type) : pascalCase(name.replace(/^COMMAND_TYPE_/, ''));
}

/**
 * The whole command list of a RespondWorkflowTaskCompleted, checked before any command runs. Temporal
 * answers these with INVALID_ARGUMENT to the worker and writes no event (the workflow task stays
 * started and later times out): an unknown or unspecified command type, or any command after a close
 * command. Kairos adds one case: a type Temporal knows but `supported` leaves out is refused with
 * UNIMPLEMENTED naming it, rather than being half-handled.
 */
export function checkCommandSequence(
  commands: readonly temporal.api.command.v1.ICommand[],
  supported: ReadonlySet<CommandType> = knownCommandTypes,
): void {
  let closedBy: { index: number; type: CommandType } | undefined;
  commands.forEach((command, index) => {
    const type = command.commandType ?? CommandType.COMMAND_TYPE_UNSPECIFIED;
    const field = `commands[${index}].commandType`;
    if (closedBy !== undefined) {
      throw InvalidArgument.forField(
        field,
        `${commandTypeName(closedBy.type)} (commands[${closedBy.index}]) must be the last command, ` +
          `but ${commandTypeName(type)} follows it`,
      );
    }
    if (!knownCommandTypes.has(type))
      throw InvalidArgument.forField(field, `unknown command type ${commandTypeName(type)}`);
    if (!supported.has(type)) {
      throw new Unimplemented(
        `${field}: ${commandTypeName(type)} commands are not supported by this server yet`,
      );
    }
    if (closeCommandTypes.has(type)) closedBy = { index, type };
  });
}
