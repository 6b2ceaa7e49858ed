import { temporal } from '@kairos/proto';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType, ResetReapplyType, ResetReapplyExcludeType } = temporal.api.enums.v1;

export interface ReapplyRules {
  signals: boolean;
  updates: boolean;
}

/**
 * Which events after the reset point the new run gets again, as Temporal reads the request: the
 * deprecated `resetReapplyType` (SIGNAL: signals only; NONE: nothing; unset or ALL_ELIGIBLE:
 * everything eligible) narrowed by `resetReapplyExcludeTypes`.
 */
export function reapplyRules(
  reapplyType: temporal.api.enums.v1.ResetReapplyType | null | undefined,
  excludeTypes: readonly temporal.api.enums.v1.ResetReapplyExcludeType[] | null | undefined,
): ReapplyRules {
  const excluded = new Set<number>(excludeTypes ?? []);
  if (reapplyType === ResetReapplyType.RESET_REAPPLY_TYPE_SIGNAL) {
    excluded.add(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE);
  }
  if (reapplyType === ResetReapplyType.RESET_REAPPLY_TYPE_NONE) {
    excluded.add(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_SIGNAL);
    excluded.add(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE);
  }
  return {
    signals: !excluded.has(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_SIGNAL),
    updates: !excluded.has(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE),
  };
}

/**
 * The events the new run records again, in their original order: signals (the workflow must still
 * receive what clients sent it). Kairos does not reapply updates yet (Temporal readmits them).
 */
export function eventsToReapply(events: readonly IHistoryEvent[], rules: ReapplyRules): IHistoryEvent[] {
  if (!rules.signals) return [];
  return events.filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
}
