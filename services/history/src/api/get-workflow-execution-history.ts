import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { loadExecution, ownedShard, type EngineContext } from '../engine/engine-context.ts';
import { closeEventForFilter } from './close-event-filter.ts';
import { DEFAULT_HISTORY_PAGE_SIZE, readHistoryPage } from './history-page.ts';
import { decodeHistoryPageToken, encodeHistoryPageToken } from './history-page-token.ts';

type Request = temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryRequest;
type Response = temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse;

/** How long one long poll waits for a new event before answering empty (the client polls again). */
export const HISTORY_LONG_POLL_MS = 20_000;

/**
 * GetWorkflowExecutionHistory: pages of events in order; with `waitNewEvent` it waits for events past
 * the token (the SDK's `result()` and history following); with the close-event filter it answers only
 * the close event, once there is one.
 */
export async function getWorkflowExecutionHistory(
  context: EngineContext,
  namespace: NamespaceRef,
  request: Request,
  signal?: AbortSignal,
): Promise<Response> {
  const workflowId = request.execution?.workflowId ?? '';
  ownedShard(context, namespace.id, workflowId);
  const token = decodeHistoryPageToken(request.nextPageToken);
  if (token && request.execution?.runId && token.runId !== request.execution.runId) {
    throw InvalidArgument.forField('nextPageToken', 'belongs to another run than execution.runId');
  }
  const pageSize = pageSizeOf(request.maximumPageSize);
  const closeOnly =
    request.historyEventFilterType ===
    temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT;
  const deadline = context.now() + HISTORY_LONG_POLL_MS;
  for (;;) {
    // Again each round: the shard may have moved while this poll waited.
    ownedShard(context, namespace.id, workflowId);
    const { state } = await loadExecution(context, {
      namespaceId: namespace.id,
      workflowId,
      runId: token?.runId ?? request.execution?.runId,
    });
    const running = state.status === 'running';
    const from = token?.nextEventId ?? 1;
    const end = token?.endEventId ?? state.nextEventId;
    if (closeOnly) {
      if (!running) {
        const closeEvents = await context.store.readEvents(
          state.runId,
          state.nextEventId - 1,
          state.nextEventId,
          1,
        );
        return {
          history: { events: closeEvents.map(closeEventForFilter) },
          nextPageToken: null,
          archived: false,
        };
      }
    } else if (from < end) {
      const page = await readHistoryPage(context, {
        runId: state.runId,
        fromEventId: from,
        endEventId: end,
        pageSize,
        transientEvents: token?.transientEvents,
      });
      const lastId = from + page.events.length - 1;
      const follow = !page.nextPageToken && request.waitNewEvent && running && !token?.endEventId;
      return {
        history: { events: page.events },
        nextPageToken: follow
          ? encodeHistoryPageToken({ runId: state.runId, nextEventId: lastId + 1 })
          : page.nextPageToken,
        archived: false,
      };
    } else if (token?.transientEvents?.length) {
      const page = await readHistoryPage(context, {
        runId: state.runId,
        fromEventId: from,
        endEventId: from,
        pageSize,
        transientEvents: token.transientEvents,
      });
      return { history: { events: page.events }, nextPageToken: null, archived: false };
    }
    if (!request.waitNewEvent || !running || token?.endEventId) {
      return { history: { events: [] }, nextPageToken: null, archived: false };
    }
    const remaining = deadline - context.now();
    if (remaining <= 0 || signal?.aborted) {
      return {
        history: { events: [] },
        nextPageToken: encodeHistoryPageToken({ runId: state.runId, nextEventId: closeOnly ? 1 : from }),
        archived: false,
      };
    }
    await context.notifier.wait(state.runId, remaining, signal);
    if (!token) {
      // Later rounds stay on the run resolved now, even if a new run takes over the workflow id.
      return getWorkflowExecutionHistory(
        context,
        namespace,
        { ...request, nextPageToken: encodeHistoryPageToken({ runId: state.runId, nextEventId: from }) },
        signal,
      );
    }
  }
}

/** GetWorkflowExecutionHistoryReverse: newest events first, paged backwards. */
export async function getWorkflowExecutionHistoryReverse(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryReverseRequest,
): Promise<temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryReverseResponse> {
  const workflowId = request.execution?.workflowId ?? '';
  ownedShard(context, namespace.id, workflowId);
  const token = decodeHistoryPageToken(request.nextPageToken);
  const { state } = await loadExecution(context, {
    namespaceId: namespace.id,
    workflowId,
    runId: token?.runId ?? request.execution?.runId,
  });
  const before = token?.beforeEventId ?? state.nextEventId;
  const pageSize = pageSizeOf(request.maximumPageSize);
  const events = await context.store.readEventsReverse(state.runId, 1, before, pageSize);
  const lowest = events.length === 0 ? 1 : Number(events[events.length - 1]!.eventId);
  return {
    history: { events },
    nextPageToken:
      lowest > 1 && events.length === pageSize
        ? encodeHistoryPageToken({ runId: state.runId, nextEventId: 1, beforeEventId: lowest })
        : null,
  };
}

function pageSizeOf(requested: number | null | undefined): number {
  if (!requested || requested <= 0) return DEFAULT_HISTORY_PAGE_SIZE;
  return Math.min(requested, DEFAULT_HISTORY_PAGE_SIZE);
}
