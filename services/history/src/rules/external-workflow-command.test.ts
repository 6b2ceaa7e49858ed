import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkCancelExternalCommand, checkSignalExternalCommand } from './external-workflow-command.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const sender = { namespace: 'default' };
const signalAt = 'signalExternalWorkflowExecutionCommandAttributes';
const cancelAt = 'requestCancelExternalWorkflowExecutionCommandAttributes';

describe('checkSignalExternalCommand', () => {
  it('accepts a signal to a workflow id, with or without a run id', () => {
    expect(
      checkSignalExternalCommand({ execution: { workflowId: 'w' }, signalName: 'poke' }, sender),
    ).toEqual({ ok: true, attributes: { workflowId: 'w', runId: '', signalName: 'poke' } });
    expect(
      checkSignalExternalCommand(
        { namespace: 'default', execution: { workflowId: 'w', runId: 'r' }, signalName: 'poke' },
        sender,
      ),
    ).toMatchObject({ ok: true, attributes: { runId: 'r' } });
  });

  it('refuses missing attributes, a missing workflow id or signal name, another namespace', () => {
    const cause = Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES;
    expect(checkSignalExternalCommand(undefined, sender)).toMatchObject({
      ok: false,
      cause,
      field: signalAt,
    });
    expect(checkSignalExternalCommand({ signalName: 'poke' }, sender)).toMatchObject({
      ok: false,
      cause,
      field: `${signalAt}.execution.workflowId`,
    });
    expect(checkSignalExternalCommand({ execution: { workflowId: 'w' } }, sender)).toMatchObject({
      ok: false,
      field: `${signalAt}.signalName`,
    });
    expect(
      checkSignalExternalCommand(
        { namespace: 'other', execution: { workflowId: 'w' }, signalName: 'poke' },
        sender,
      ),
    ).toMatchObject({ ok: false, field: `${signalAt}.namespace` });
  });

  it('terminates the sender for an input over the blob size limit', () => {
    const input = { payloads: [{ data: new Uint8Array(2 * 1024 * 1024 + 1) }] };
    expect(
      checkSignalExternalCommand({ execution: { workflowId: 'w' }, signalName: 'poke', input }, sender),
    ).toMatchObject({ ok: false, terminatesWorkflow: true, field: `${signalAt}.input` });
  });
});

describe('checkCancelExternalCommand', () => {
  it('accepts a cancel request to a workflow id', () => {
    expect(
      checkCancelExternalCommand({ workflowId: 'w', runId: 'r', childWorkflowOnly: true }, sender),
    ).toEqual({
      ok: true,
      attributes: { workflowId: 'w', runId: 'r' },
    });
  });

  it('refuses missing attributes, a missing workflow id, another namespace', () => {
    const cause = Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_ATTRIBUTES;
    expect(checkCancelExternalCommand(null, sender)).toMatchObject({ ok: false, cause, field: cancelAt });
    expect(checkCancelExternalCommand({}, sender)).toMatchObject({
      ok: false,
      cause,
      field: `${cancelAt}.workflowId`,
    });
    expect(checkCancelExternalCommand({ namespace: 'other', workflowId: 'w' }, sender)).toMatchObject({
      ok: false,
      field: `${cancelAt}.namespace`,
    });
  });
});
