import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  checkCancelWorkflowCommand,
  checkCompleteWorkflowCommand,
  checkFailWorkflowCommand,
} from './close-commands.ts';
import { blobSizeLimitErrorBytes } from './limits.ts';
import { failureSize, payloadsSize } from './payload-limits.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const quiet = { hasBufferedEvents: false };
const busy = { hasBufferedEvents: true };
const unhandled = {
  ok: false,
  cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
  message: '',
  terminatesWorkflow: false,
};
const resultOfSize = (size: number) => {
  const result = { payloads: [{ data: Buffer.alloc(size - 8) }] };
  expect(payloadsSize(result)).toBe(size);
  return result;
};

describe('checkCompleteWorkflowCommand', () => {
  it('completes with the result', () => {
    const result = { payloads: [{ data: Buffer.from('"done"') }] };
    expect(checkCompleteWorkflowCommand({ result }, quiet)).toEqual({ ok: true, attributes: { result } });
    expect(checkCompleteWorkflowCommand({}, quiet)).toEqual({ ok: true, attributes: { result: undefined } });
  });

  it('fails the task with UNHANDLED_COMMAND when events are buffered, before anything else', () => {
    expect(checkCompleteWorkflowCommand({}, busy)).toEqual(unhandled);
    expect(checkCompleteWorkflowCommand(null, busy)).toEqual(unhandled);
  });

  it('needs the attributes', () => {
    expect(checkCompleteWorkflowCommand(null, quiet)).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_COMPLETE_WORKFLOW_EXECUTION_ATTRIBUTES,
      field: 'completeWorkflowExecutionCommandAttributes',
      message: 'completeWorkflowExecutionCommandAttributes: must be set',
      terminatesWorkflow: false,
    });
  });

  it('terminates the run on a result over 2 MB, with the cause the reference server reports', () => {
    expect(checkCompleteWorkflowCommand({ result: resultOfSize(blobSizeLimitErrorBytes) }, quiet).ok).toBe(
      true,
    );
    expect(
      checkCompleteWorkflowCommand({ result: resultOfSize(blobSizeLimitErrorBytes + 1) }, quiet),
    ).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
      field: 'completeWorkflowExecutionCommandAttributes.result',
      message:
        'completeWorkflowExecutionCommandAttributes.result: is 2097153 bytes, over the blob size limit',
      terminatesWorkflow: true,
    });
  });
});

describe('checkFailWorkflowCommand', () => {
  const cause = Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_FAIL_WORKFLOW_EXECUTION_ATTRIBUTES;

  it('fails with the failure', () => {
    const failure = { message: 'boom', applicationFailureInfo: { type: 'Oops' } };
    expect(checkFailWorkflowCommand({ failure }, quiet)).toEqual({ ok: true, attributes: { failure } });
  });

  it('needs attributes and a failure', () => {
    expect(checkFailWorkflowCommand(null, quiet)).toMatchObject({
      ok: false,
      cause,
      field: 'failWorkflowExecutionCommandAttributes',
    });
    expect(checkFailWorkflowCommand({}, quiet)).toMatchObject({
      ok: false,
      cause,
      field: 'failWorkflowExecutionCommandAttributes.failure',
      terminatesWorkflow: false,
    });
  });

  it('fails the task with UNHANDLED_COMMAND when events are buffered', () => {
    expect(checkFailWorkflowCommand({ failure: { message: 'x' } }, busy)).toEqual(unhandled);
  });

  it('terminates the run on a failure over 2 MB encoded', () => {
    const failure = { message: 'x'.repeat(blobSizeLimitErrorBytes) };
    expect(failureSize(failure)).toBeGreaterThan(blobSizeLimitErrorBytes);
    expect(checkFailWorkflowCommand({ failure }, quiet)).toMatchObject({
      ok: false,
      cause,
      field: 'failWorkflowExecutionCommandAttributes.failure',
      terminatesWorkflow: true,
    });
    expect(
      checkFailWorkflowCommand({ failure: { message: 'x'.repeat(blobSizeLimitErrorBytes - 5) } }, quiet).ok,
    ).toBe(true);
  });
});

describe('checkCancelWorkflowCommand', () => {
  it('cancels with the details', () => {
    const details = { payloads: [{ data: Buffer.from('bye') }] };
    expect(checkCancelWorkflowCommand({ details }, quiet)).toEqual({ ok: true, attributes: { details } });
  });

  it('needs the attributes and no buffered events', () => {
    expect(checkCancelWorkflowCommand(undefined, quiet)).toMatchObject({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_WORKFLOW_EXECUTION_ATTRIBUTES,
      field: 'cancelWorkflowExecutionCommandAttributes',
    });
    expect(checkCancelWorkflowCommand({}, busy)).toEqual(unhandled);
  });

  it('does not limit the details size (Temporal does not either)', () => {
    expect(checkCancelWorkflowCommand({ details: resultOfSize(blobSizeLimitErrorBytes + 1) }, quiet).ok).toBe(
      true,
    );
  });
});
