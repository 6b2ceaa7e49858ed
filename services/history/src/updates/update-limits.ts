import { FailedPrecondition, ResourceExhausted } from '@kairos/errors';
import type { MutableState } from '../state/mutable-state.ts';

/** Temporal's per-run update limits (history.maxInFlightUpdates, maxTotalUpdates, maxInFlightUpdatePayloads). */
export const MAX_IN_FLIGHT_UPDATES = 10;
export const MAX_TOTAL_UPDATES = 2000;
export const MAX_IN_FLIGHT_UPDATE_PAYLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Refuses a new update the run cannot take, with Temporal's codes and words: too many in flight
 * (admitted or accepted, not yet completed), too many in the run's life (rejections do not count), or
 * too many request bytes held for updates no worker has accepted yet.
 */
export function checkUpdateLimits(state: MutableState, requestBytes: number): void {
  const updates = Object.values(state.updates ?? {});
  const inFlight = updates.filter((info) => info.stage === 'admitted' || info.stage === 'accepted');
  if (inFlight.length >= MAX_IN_FLIGHT_UPDATES) {
    throw new ResourceExhausted(
      `limit on number of concurrent in-flight updates has been reached (${MAX_IN_FLIGHT_UPDATES})`,
      { detail: { type: 'ResourceExhausted', cause: 'CONCURRENT_LIMIT', scope: 'NAMESPACE' } },
    );
  }
  if (updates.filter((info) => info.stage !== 'rejected').length >= MAX_TOTAL_UPDATES) {
    throw new FailedPrecondition(`limit on number of total updates has been reached (${MAX_TOTAL_UPDATES})`);
  }
  const heldBytes = inFlight.reduce((sum, info) => sum + encodedBytes(info.request), 0);
  if (heldBytes + requestBytes >= MAX_IN_FLIGHT_UPDATE_PAYLOAD_BYTES) {
    throw new ResourceExhausted(
      `limit on total payload size of in-flight updates has been reached (${MAX_IN_FLIGHT_UPDATE_PAYLOAD_BYTES} bytes)`,
      { detail: { type: 'ResourceExhausted', cause: 'CONCURRENT_LIMIT', scope: 'NAMESPACE' } },
    );
  }
}

function encodedBytes(base64: string | undefined): number {
  return base64 === undefined ? 0 : Buffer.byteLength(base64, 'base64');
}
