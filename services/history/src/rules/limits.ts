/**
 * Temporal's out-of-the-box limits (its dynamic-config defaults), in one place so the api and history
 * enforce the same numbers. Sizes are bytes, durations milliseconds. Temporal Cloud publishes the same
 * figures (ARCHITECTURE: "Payload 2 MB, gRPC message 4 MB, history 51,200 events or 50 MB").
 */

const kibibyte = 1024;
const mebibyte = 1024 * kibibyte;

/** `limit.maxIDLength`: workflow/activity/timer ids, type names, task queues, marker names, request ids. */
export const maxIdLength = 1000;

/** `limit.blobSize.*`: one payload-carrying field (input, result, failure, details). */
export const blobSizeLimitErrorBytes = 2 * mebibyte;
export const blobSizeLimitWarnBytes = 512 * kibibyte;

/** `limit.memoSize.*`: a whole memo. */
export const memoSizeLimitErrorBytes = 2 * mebibyte;
export const memoSizeLimitWarnBytes = 2 * kibibyte;

/** `limit.historyCount.*`: events in one run's history. Past the error limit the run is terminated. */
export const historyCountLimitError = 50 * 1024; // 51,200
export const historyCountLimitWarn = 10 * 1024; // 10,240
export const historyCountSuggestContinueAsNew = 4 * 1024;

/** `limit.historySize.*`: encoded bytes of one run's history. */
export const historySizeLimitErrorBytes = 50 * mebibyte;
export const historySizeLimitWarnBytes = 10 * mebibyte;
export const historySizeSuggestContinueAsNewBytes = 4 * mebibyte;

/** `limit.numPending*.error`: pending items one run may hold; one more fails the workflow task. */
export const pendingActivitiesLimit = 2000;
export const pendingChildExecutionsLimit = 2000;
export const pendingSignalsLimit = 2000;
export const pendingCancelRequestsLimit = 2000;

/** `frontend.searchAttributes*Limit`: custom search attributes written by one request or command. */
export const searchAttributesNumberOfKeysLimit = 100;
export const searchAttributeValueSizeLimitBytes = 2 * kibibyte;
export const searchAttributesTotalSizeLimitBytes = 40 * kibibyte;

/** `history.defaultWorkflowTaskTimeout`, and the ceiling history applies to any requested value. */
export const defaultWorkflowTaskTimeoutMs = 10_000;
export const maxWorkflowTaskTimeoutMs = 120_000;

/** Longest duration Temporal keeps; longer ones are silently capped (its timestamps must fit year 2262). */
export const maxDurationMs = 100 * 365 * 24 * 60 * 60 * 1000;

/** A priority's fairness key (`priorities.fairnessKeyMaxLength`). */
export const fairnessKeyMaxLength = 64;

/** Task queue names with this prefix are reserved for the server's own partitions. */
export const reservedTaskQueuePrefix = '/_sys/';
