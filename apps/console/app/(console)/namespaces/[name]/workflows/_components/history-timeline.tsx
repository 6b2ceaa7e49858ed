import { timelineSpans, type SpanKind } from './timeline-spans.ts';
import type { HistoryEvent } from './workflow-types.ts';
import styles from './workflows.module.css';

const BAR_CLASS: Record<SpanKind, string | undefined> = {
  activity: undefined,
  timer: styles.barTimer,
  child: styles.barChild,
  workflowTask: styles.barWorkflowTask,
};

/** The history as bars on one time axis: when each activity, timer, child and workflow task ran. */
export function HistoryTimeline({ events, nowMs }: { events: HistoryEvent[]; nowMs: number }) {
  const spans = timelineSpans(events, nowMs);
  if (spans.length === 0) return <p>Nothing has run yet.</p>;
  const first = events[0]?.time;
  const startMs = first ? Date.parse(first) : Math.min(...spans.map((span) => span.startMs));
  const endMs = Math.max(startMs + 1, ...spans.map((span) => span.endMs));
  const percent = (ms: number) => ((ms - startMs) / (endMs - startMs)) * 100;
  return (
    <div className={styles.timeline} data-testid="history-timeline">
      {spans.map((span) => (
        <div key={span.key} className={styles.timelineRow}>
          <span>
            {span.label}
            {span.open ? ' (running)' : ''}
          </span>
          <div className={styles.timelineTrack}>
            <div
              className={`${styles.timelineBar} ${BAR_CLASS[span.kind] ?? ''}`}
              style={{
                left: `${percent(span.startMs)}%`,
                width: `${percent(span.endMs) - percent(span.startMs)}%`,
              }}
              title={`${span.label}: ${Math.round(span.endMs - span.startMs)} ms`}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
