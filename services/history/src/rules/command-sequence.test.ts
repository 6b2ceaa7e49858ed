import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkCommandSequence, commandTypeName, knownCommandTypes } from './command-sequence.ts';

const CommandType = temporal.api.enums.v1.CommandType;
const commands = (...types: number[]) => types.map((commandType) => ({ commandType }));

describe('checkCommandSequence', () => {
  it('accepts any mix of commands ending with at most one close command', () => {
    expect(() =>
      checkCommandSequence(
        commands(
          CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
          CommandType.COMMAND_TYPE_START_TIMER,
          CommandType.COMMAND_TYPE_RECORD_MARKER,
          CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
        ),
      ),
    ).not.toThrow();
    expect(() => checkCommandSequence([])).not.toThrow();
    for (const close of [
      CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
      CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
      CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
    ]) {
      expect(() => checkCommandSequence(commands(CommandType.COMMAND_TYPE_START_TIMER, close))).not.toThrow();
    }
  });

  it('refuses a command after a close command, naming both', () => {
    expect(() =>
      checkCommandSequence(
        commands(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION, CommandType.COMMAND_TYPE_START_TIMER),
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        field: 'commands[1].commandType',
        message:
          'commands[1].commandType: CompleteWorkflowExecution (commands[0]) must be the last command, but StartTimer follows it',
      }),
    );
    expect(() =>
      checkCommandSequence(
        commands(
          CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
          CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
        ),
      ),
    ).toThrow(/FailWorkflowExecution \(commands\[0\]\) must be the last command/);
    // Even an unknown type after a close command is reported as out of sequence (Temporal's order).
    expect(() =>
      checkCommandSequence(commands(CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION, 999)),
    ).toThrow(/must be the last command, but 999 follows it/);
  });

  it('refuses unknown and unspecified command types', () => {
    expect(() => checkCommandSequence(commands(CommandType.COMMAND_TYPE_START_TIMER, 999))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: 'commands[1].commandType: unknown command type 999',
      }),
    );
    expect(() => checkCommandSequence(commands(CommandType.COMMAND_TYPE_UNSPECIFIED))).toThrow(
      /unknown command type Unspecified/,
    );
    expect(() => checkCommandSequence([{}])).toThrow(/unknown command type Unspecified/);
  });

  it('answers UNIMPLEMENTED for a Temporal command the server does not support yet', () => {
    const supported = new Set([
      CommandType.COMMAND_TYPE_START_TIMER,
      CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
    ]);
    expect(() =>
      checkCommandSequence(commands(CommandType.COMMAND_TYPE_START_TIMER), supported),
    ).not.toThrow();
    expect(() =>
      checkCommandSequence(commands(CommandType.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION), supported),
    ).toThrow(
      expect.objectContaining({
        code: 'UNIMPLEMENTED',
        message:
          'commands[0].commandType: ScheduleNexusOperation commands are not supported by this server yet',
      }),
    );
  });

  it('knows Temporal’s seventeen command types', () => {
    expect(knownCommandTypes.size).toBe(17);
    expect(knownCommandTypes.has(CommandType.COMMAND_TYPE_UNSPECIFIED)).toBe(false);
  });
});

describe('commandTypeName', () => {
  it('prints types the way Temporal does', () => {
    expect(commandTypeName(CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)).toBe(
      'RequestCancelExternalWorkflowExecution',
    );
    expect(commandTypeName(undefined)).toBe('Unspecified');
    expect(commandTypeName(1234 as temporal.api.enums.v1.CommandType)).toBe('1234');
  });
});
