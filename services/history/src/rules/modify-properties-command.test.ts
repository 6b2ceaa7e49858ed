import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { blobSizeLimitErrorBytes } from './limits.ts';
import { checkModifyWorkflowPropertiesCommand } from './modify-properties-command.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const at = 'modifyWorkflowPropertiesCommandAttributes';
const value = (data: string | Buffer) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(data),
});
const bad = (field: string, message: RegExp, terminatesWorkflow = false) => ({
  ok: false,
  cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_MODIFY_WORKFLOW_PROPERTIES_ATTRIBUTES,
  field,
  message: expect.stringMatching(message),
  terminatesWorkflow,
});

describe('checkModifyWorkflowPropertiesCommand', () => {
  it('returns the upserted memo fields and the merged memo', () => {
    const result = checkModifyWorkflowPropertiesCommand(
      { upsertedMemo: { fields: { note: value('"new"'), gone: value('') } } },
      { currentMemo: { note: value('"old"'), gone: value('1'), kept: value('2') } },
    );
    expect(result).toEqual({
      ok: true,
      attributes: {
        upserted: { note: value('"new"'), gone: value('') },
        merged: { note: value('"new"'), kept: value('2') },
      },
    });
  });

  it('needs attributes, an upserted memo and at least one field', () => {
    expect(checkModifyWorkflowPropertiesCommand(null, { currentMemo: undefined })).toEqual(
      bad(at, /must be set/),
    );
    expect(checkModifyWorkflowPropertiesCommand({}, { currentMemo: undefined })).toEqual(
      bad(`${at}.upsertedMemo`, /must be set/),
    );
    expect(checkModifyWorkflowPropertiesCommand({ upsertedMemo: {} }, { currentMemo: undefined })).toEqual(
      bad(`${at}.upsertedMemo.fields`, /must not be empty/),
    );
  });

  it('terminates the run when the upsert’s keys and data are over 2 MB', () => {
    const upsert = (dataBytes: number) => ({
      upsertedMemo: { fields: { m: value(Buffer.alloc(dataBytes)) } },
    });
    expect(
      checkModifyWorkflowPropertiesCommand(upsert(blobSizeLimitErrorBytes - 1 - 40), { currentMemo: {} }).ok,
    ).toBe(true);
    expect(
      checkModifyWorkflowPropertiesCommand(upsert(blobSizeLimitErrorBytes), { currentMemo: {} }),
    ).toEqual(bad(`${at}.upsertedMemo`, /is 2097153 bytes, over the blob size limit/, true));
  });

  it('terminates the run when the merged memo would be over the 2 MB memo limit', () => {
    const current = { a: value(Buffer.alloc(1024 * 1024)), b: value(Buffer.alloc(1024 * 1024)) };
    expect(
      checkModifyWorkflowPropertiesCommand(
        { upsertedMemo: { fields: { c: value('1') } } },
        { currentMemo: current },
      ),
    ).toEqual(bad(`${at}.upsertedMemo`, /the memo would be \d+ bytes, over the memo size limit/, true));
    // Replacing a big field instead of adding keeps it under.
    expect(
      checkModifyWorkflowPropertiesCommand(
        { upsertedMemo: { fields: { a: value('1') } } },
        { currentMemo: current },
      ).ok,
    ).toBe(true);
  });
});
