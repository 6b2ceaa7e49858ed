'use client';

import { useState } from 'react';
import { HistoryTable } from './history-table.tsx';
import { HistoryTimeline } from './history-timeline.tsx';
import type { HistoryEvent } from './workflow-types.ts';
import styles from './workflows.module.css';

/** The loaded events as a table or as a timeline, and a button to load the next page. */
export function WorkflowHistory(props: {
  events: HistoryEvent[];
  hasMore: boolean;
  nowMs: number;
  onLoadMore(): void;
}) {
  const [view, setView] = useState<'table' | 'timeline'>('table');
  return (
    <>
      <div className={styles.actions} role="group" aria-label="History view">
        <button
          type="button"
          className="button"
          aria-pressed={view === 'table'}
          onClick={() => setView('table')}
        >
          Table
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={view === 'timeline'}
          onClick={() => setView('timeline')}
        >
          Timeline
        </button>
      </div>
      {view === 'table' ? (
        <HistoryTable events={props.events} />
      ) : (
        <HistoryTimeline events={props.events} nowMs={props.nowMs} />
      )}
      {props.hasMore && (
        <button type="button" className="button" onClick={props.onLoadMore}>
          Load more events
        </button>
      )}
    </>
  );
}
