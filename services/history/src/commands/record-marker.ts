import { temporal, int64 } from '@kairos/proto';
import { checkRecordMarkerCommand } from '../rules/marker-command.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

/** RecordMarker: MarkerRecorded (local activity results, patches, side effects). */
export function recordMarker(
  context: CommandContext,
  command: temporal.api.command.v1.IRecordMarkerCommandAttributes,
): CommandResult {
  const checked = checkRecordMarkerCommand(command);
  if (!checked.ok) return checked;
  const marker = checked.attributes;
  context.mutation.append('markerRecorded', {
    markerName: marker.markerName,
    details: marker.details ?? {},
    header: marker.header ?? null,
    failure: marker.failure ?? null,
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  return undefined;
}
