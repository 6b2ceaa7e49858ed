import type { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, idProblem, rejectCommand, type CommandCheck } from './command-outcome.ts';
import { payloadsMapSize, sizeVerdict } from './payload-limits.ts';

const at = 'recordMarkerCommandAttributes';
const badAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES;

export interface NormalizedMarker {
  markerName: string;
  /** Passed through untouched for the MarkerRecorded event. */
  details: Record<string, temporal.api.common.v1.IPayloads> | null | undefined;
  header: temporal.api.common.v1.IHeader | null | undefined;
  failure: temporal.api.failure.v1.IFailure | null | undefined;
}

/**
 * A RecordMarker command (SDKs record local activities, versions/patches and side effects with it):
 * attributes present, marker name set and at most 1000 bytes. Details over the blob limit (keys
 * plus encoded payloads) terminate the run, as in Temporal.
 */
export function checkRecordMarkerCommand(
  attributes: temporal.api.command.v1.IRecordMarkerCommandAttributes | null | undefined,
): CommandCheck<NormalizedMarker> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  const markerName = attributes.markerName ?? '';
  const badName = idProblem(markerName);
  if (badName) return rejectCommand(badAttributes, `${at}.markerName`, badName);
  const detailsSize = payloadsMapSize(attributes.details);
  if (sizeVerdict(detailsSize) === 'error') {
    return rejectCommand(
      badAttributes,
      `${at}.details`,
      `is ${detailsSize} bytes, over the blob size limit`,
      {
        terminatesWorkflow: true,
      },
    );
  }
  return {
    ok: true,
    attributes: {
      markerName,
      details: attributes.details,
      header: attributes.header,
      failure: attributes.failure,
    },
  };
}
