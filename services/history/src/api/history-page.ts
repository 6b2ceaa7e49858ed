import type { temporal } from '@kairos/proto';
import type { EngineContext } from '../engine/engine-context.ts';
import { decodeEvent, encodeEvent } from '../state/execution-mutation.ts';
import { encodeHistoryPageToken } from './history-page-token.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

export const DEFAULT_HISTORY_PAGE_SIZE = 1000;

/**
 * One page of events [fromEventId, endEventId) followed, on the last page, by `transientEvents`; the
 * token continues where the page stopped.
 */
export async function readHistoryPage(
  context: EngineContext,
  page: {
    runId: string;
    fromEventId: number;
    endEventId: number;
    pageSize: number;
    transientEvents?: IHistoryEvent[] | string[];
  },
): Promise<{ events: IHistoryEvent[]; nextPageToken: Uint8Array | null }> {
  const events = await context.store.readEvents(page.runId, page.fromEventId, page.endEventId, page.pageSize);
  const lastId = events.length === 0 ? page.fromEventId - 1 : Number(events[events.length - 1]!.eventId);
  const transient = (page.transientEvents ?? []).map((event) =>
    typeof event === 'string' ? decodeEvent(event) : event,
  );
  if (lastId + 1 < page.endEventId && events.length >= page.pageSize) {
    return {
      events,
      nextPageToken: encodeHistoryPageToken({
        runId: page.runId,
        nextEventId: lastId + 1,
        endEventId: page.endEventId,
        transientEvents: transient.length > 0 ? transient.map(encodeEvent) : undefined,
      }),
    };
  }
  return { events: [...events, ...transient], nextPageToken: null };
}
