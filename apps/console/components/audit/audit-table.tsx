import { formatTime } from '../../lib/format-time.ts';
import type { AuditPage } from '../../lib/trpc/router-types.ts';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';

type Entry = AuditPage['entries'][number];

/** Details as compact `key: value` pairs; the api never puts secrets in them. */
function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return '—';
  if (typeof details !== 'object') return String(details);
  const pairs = Object.entries(details as Record<string, unknown>).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return pairs.length === 0 ? '—' : pairs.join(', ');
}

export function AuditTable({ entries }: { entries: Entry[] }) {
  return (
    <TableRegion label="Audit log entries">
      <table className={tableStyles.table}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row">
              <td className={tableStyles.nowrap}>
                <time dateTime={entry.createdAt}>{formatTime(entry.createdAt)}</time>
              </td>
              <td className={tableStyles.wrap}>{entry.actor.label}</td>
              <td className={tableStyles.nowrap}>
                <code>{entry.action}</code>
              </td>
              <td className={tableStyles.wrap}>
                {entry.targetType}
                {entry.targetId !== null && ` ${entry.targetId}`}
              </td>
              <td className={tableStyles.wrap}>{describeDetails(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
