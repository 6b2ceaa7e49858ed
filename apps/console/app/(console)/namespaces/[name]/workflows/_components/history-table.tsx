'use client';

import { Fragment, useState } from 'react';
import { formatTime } from '../../../../../../lib/format-time.ts';
import { TableRegion, tableStyles } from '../../../../../../components/ui/table-region.tsx';
import type { HistoryEvent } from './workflow-types.ts';
import styles from './workflows.module.css';

/** The event history, one row per event; a row opens to show the whole event as JSON. */
export function HistoryTable({ events }: { events: HistoryEvent[] }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (eventId: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(eventId)) next.add(eventId);
      return next;
    });
  return (
    <TableRegion label="Event history">
      <table className={tableStyles.table}>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <Fragment key={event.eventId}>
              <tr data-testid="history-event">
                <td>{event.eventId}</td>
                <td className={tableStyles.time}>{formatTime(event.time)}</td>
                <td className={tableStyles.nowrap}>
                  <button
                    type="button"
                    className={styles.eventButton}
                    aria-expanded={open.has(event.eventId)}
                    onClick={() => toggle(event.eventId)}
                  >
                    {event.type}
                  </button>
                </td>
                <td className={tableStyles.wrap}>{event.summary}</td>
              </tr>
              {open.has(event.eventId) && (
                <tr className={styles.detailsRow}>
                  <td colSpan={4}>
                    <pre>{JSON.stringify(event.details, null, 2)}</pre>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
