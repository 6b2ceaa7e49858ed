import { temporal } from '@kairos/proto';
import {
  historyCountLimitError,
  historyCountLimitWarn,
  historyCountSuggestContinueAsNew,
  historySizeLimitErrorBytes,
  historySizeLimitWarnBytes,
  historySizeSuggestContinueAsNewBytes,
} from './limits.ts';

const SuggestReason = temporal.api.enums.v1.SuggestContinueAsNewReason;

export interface HistoryStats {
  /** Encoded bytes of the history already persisted (before the transaction being written). */
  historySizeBytes: number;
  /** Events once the transaction is written: next event id - 1. */
  eventCount: number;
}

export type HistoryLimitVerdict =
  | { terminate: false; warnings: ('size' | 'count')[] }
  /** Discard the transaction and terminate the run instead (identity `history-service`). */
  | { terminate: true; limit: 'size' | 'count'; reason: string };

/** Temporal's termination reasons, which SDKs and UIs show as is. */
export const historySizeExceededReason = 'Workflow history size exceeds limit.';
export const historyCountExceededReason = 'Workflow history count exceeds limit.';

/**
 * What Temporal does before each update of a running execution: over 50 MB of history (checked
 * first) or over 51,200 events terminates the run instead of writing the update; over 10 MB or
 * 10,240 events is worth a warning. Closed runs are never terminated.
 */
export function checkHistoryLimits(stats: HistoryStats, running: boolean): HistoryLimitVerdict {
  if (running && stats.historySizeBytes > historySizeLimitErrorBytes) {
    return { terminate: true, limit: 'size', reason: historySizeExceededReason };
  }
  if (running && stats.eventCount > historyCountLimitError) {
    return { terminate: true, limit: 'count', reason: historyCountExceededReason };
  }
  const warnings: ('size' | 'count')[] = [];
  if (stats.historySizeBytes > historySizeLimitWarnBytes) warnings.push('size');
  if (stats.eventCount > historyCountLimitWarn) warnings.push('count');
  return { terminate: false, warnings };
}

/**
 * The WorkflowTaskStarted event's `suggestContinueAsNew` reasons: history of at least 4 MB, or at
 * least 4,096 events counting the WorkflowTaskStarted event about to be written (its id).
 */
export function suggestContinueAsNewReasons(stats: {
  historySizeBytes: number;
  workflowTaskStartedEventId: number;
}): temporal.api.enums.v1.SuggestContinueAsNewReason[] {
  const reasons: temporal.api.enums.v1.SuggestContinueAsNewReason[] = [];
  if (stats.historySizeBytes >= historySizeSuggestContinueAsNewBytes) {
    reasons.push(SuggestReason.SUGGEST_CONTINUE_AS_NEW_REASON_HISTORY_SIZE_TOO_LARGE);
  }
  if (stats.workflowTaskStartedEventId >= historyCountSuggestContinueAsNew) {
    reasons.push(SuggestReason.SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_HISTORY_EVENTS);
  }
  return reasons;
}
