'use client';

import { useCallback, useEffect, useState } from 'react';
import { trpc } from '../../../../../../lib/trpc/browser-client.ts';
import { describeCallError, type CallError } from '../../../../../../lib/trpc/call-error.ts';
import type { HistoryEvent } from './workflow-types.ts';

const PAGE_SIZE = 500;

/** A run's events, page after page as asked; `reload` starts again from the first (after an action). */
export function useHistoryEvents(run: { namespace: string; workflowId: string; runId: string }) {
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<CallError | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const { namespace, workflowId, runId } = run;

  const load = useCallback(
    async (from: string | null, replace: boolean) => {
      try {
        const page = await trpc.workflows.history.query({
          namespace,
          workflowId,
          runId,
          pageSize: PAGE_SIZE,
          ...(from ? { cursor: from } : {}),
        });
        setEvents((current) => (replace ? page.events : [...current, ...page.events]));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (caught) {
        setError(describeCallError(caught));
      }
    },
    [namespace, workflowId, runId],
  );

  useEffect(() => {
    void load(null, true);
  }, [load, generation]);

  return {
    events,
    error,
    hasMore: cursor !== null,
    loadMore: () => void load(cursor, false),
    reload: () => setGeneration((value) => value + 1),
  };
}
