import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { blobSizeLimitErrorBytes } from './limits.ts';
import { checkRecordMarkerCommand } from './marker-command.ts';
import { payloadsMapSize } from './payload-limits.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;

describe('checkRecordMarkerCommand', () => {
  it('passes the marker through', () => {
    const details = { data: { payloads: [{ data: Buffer.from('x') }] } };
    const header = { fields: {} };
    const failure = { message: 'local activity failed' };
    expect(checkRecordMarkerCommand({ markerName: 'LocalActivity', details, header, failure })).toEqual({
      ok: true,
      attributes: { markerName: 'LocalActivity', details, header, failure },
    });
  });

  it('refuses missing attributes and a missing or too long name', () => {
    const bad = {
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES,
      terminatesWorkflow: false,
    };
    expect(checkRecordMarkerCommand(null)).toEqual({
      ...bad,
      field: 'recordMarkerCommandAttributes',
      message: 'recordMarkerCommandAttributes: must be set',
    });
    expect(checkRecordMarkerCommand({ markerName: '' })).toMatchObject({
      ...bad,
      field: 'recordMarkerCommandAttributes.markerName',
    });
    expect(checkRecordMarkerCommand({ markerName: 'm'.repeat(1001) })).toMatchObject({
      ...bad,
      message: expect.stringMatching(/got 1001/),
    });
  });

  it('terminates the run when the details (keys plus encoded payloads) are over 2 MB', () => {
    const detailsOf = (size: number) => {
      // key "d" (1 byte) + Payloads framing (8 bytes) around the data.
      const details = { d: { payloads: [{ data: Buffer.alloc(size - 9) }] } };
      expect(payloadsMapSize(details)).toBe(size);
      return details;
    };
    expect(
      checkRecordMarkerCommand({ markerName: 'm', details: detailsOf(blobSizeLimitErrorBytes) }).ok,
    ).toBe(true);
    expect(
      checkRecordMarkerCommand({ markerName: 'm', details: detailsOf(blobSizeLimitErrorBytes + 1) }),
    ).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES,
      field: 'recordMarkerCommandAttributes.details',
      message: 'recordMarkerCommandAttributes.details: is 2097153 bytes, over the blob size limit',
      terminatesWorkflow: true,
    });
  });
});
