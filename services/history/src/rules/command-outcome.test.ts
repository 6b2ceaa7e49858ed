import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  causeShortName,
  idProblem,
  pascalCase,
  rejectCommand,
  rejectionFromInvalidArgument,
  workflowTaskFailureMessage,
} from './command-outcome.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;

describe('command rejections', () => {
  it('prefix the message with the field and default to failing only the task', () => {
    expect(
      rejectCommand(Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES, 'a.timerId', 'must be set'),
    ).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
      field: 'a.timerId',
      message: 'a.timerId: must be set',
      terminatesWorkflow: false,
    });
    expect(
      rejectCommand(Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, undefined, 'later', {
        terminatesWorkflow: true,
      }),
    ).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
      message: 'later',
      terminatesWorkflow: true,
    });
  });

  it('carry a field-level InvalidArgument as it is', () => {
    const error = InvalidArgument.forField('x.retryPolicy.maximumAttempts', 'must not be negative');
    expect(
      rejectionFromInvalidArgument(Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES, error),
    ).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
      field: 'x.retryPolicy.maximumAttempts',
      message: 'x.retryPolicy.maximumAttempts: must not be negative',
      terminatesWorkflow: false,
    });
  });

  it('print the failure message the way Temporal does: short cause name, colon, message', () => {
    // Reference server: "BadScheduleActivityAttributes: activityId is not set".
    expect(
      workflowTaskFailureMessage({
        cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
        message: 'scheduleActivityTaskCommandAttributes.activityId: must be set',
      }),
    ).toBe('BadScheduleActivityAttributes: scheduleActivityTaskCommandAttributes.activityId: must be set');
    // Reference server: a close command with buffered events fails with just "UnhandledCommand".
    expect(
      workflowTaskFailureMessage({ cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, message: '' }),
    ).toBe('UnhandledCommand');
    expect(causeShortName(Cause.WORKFLOW_TASK_FAILED_CAUSE_SCHEDULE_ACTIVITY_DUPLICATE_ID)).toBe(
      'ScheduleActivityDuplicateId',
    );
    expect(causeShortName(Cause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID)).toBe(
      'StartTimerDuplicateId',
    );
    expect(causeShortName(Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_MODIFY_WORKFLOW_PROPERTIES_ATTRIBUTES)).toBe(
      'BadModifyWorkflowPropertiesAttributes',
    );
    expect(causeShortName(Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND)).toBe('UnhandledCommand');
    expect(causeShortName(999 as temporal.api.enums.v1.WorkflowTaskFailedCause)).toBe('999');
  });

  it('convert enum names to PascalCase', () => {
    expect(pascalCase('KEYWORD_LIST')).toBe('KeywordList');
    expect(pascalCase('UNSPECIFIED')).toBe('Unspecified');
  });
});

describe('idProblem', () => {
  it('requires a value of at most 1000 UTF-8 bytes', () => {
    expect(idProblem('order-1')).toBeUndefined();
    expect(idProblem('x'.repeat(1000))).toBeUndefined();
    expect(idProblem('')).toBe('must be set');
    expect(idProblem(null)).toBe('must be set');
    expect(idProblem('x'.repeat(1001))).toBe('must be at most 1000 bytes, got 1001');
    expect(idProblem('日'.repeat(334))).toBe('must be at most 1000 bytes, got 1002');
  });
});
