import type { WorkflowCount } from './workflow-types.ts';
import styles from './workflows.module.css';

/** Counts per status for the current filter; choosing one narrows the filter to that status. */
export function StatusFacets({ count, onChoose }: { count: WorkflowCount; onChoose(status: string): void }) {
  return (
    <div className={styles.facets} role="group" aria-label="Filter by status">
      <span className={styles.facetTotal} data-testid="workflow-total">
        {count.total} {count.total === 1 ? 'workflow' : 'workflows'}
      </span>
      {Object.entries(count.byStatus).map(([status, value]) => (
        <button
          key={status}
          type="button"
          className={styles.facet}
          data-testid={`facet-${status}`}
          aria-label={`${status}: ${value}`}
          onClick={() => onChoose(status)}
        >
          {status} <strong>{value}</strong>
        </button>
      ))}
    </div>
  );
}

/**
 * The filter with `ExecutionStatus = 'status'` added: an earlier status clause is replaced, a filter
 * with OR is parenthesised so the status applies to all of it, and ORDER BY stays at the end.
 */
export function withStatus(query: string, status: string): string {
  const clause = `ExecutionStatus = '${status}'`;
  const [rawFilter = '', order] = query.split(/(?:^|\s+)ORDER\s+BY\s+/i);
  const filter = rawFilter
    .replace(/ExecutionStatus\s*=\s*'[A-Za-z]*'/g, '')
    .replace(/\s+AND\s+AND\s+/gi, ' AND ')
    .replace(/^\s*AND\s+|\s+AND\s*$/gi, '')
    .trim();
  const combined =
    filter === '' ? clause : `${/\bOR\b/i.test(filter) ? `(${filter})` : filter} AND ${clause}`;
  return order === undefined ? combined : `${combined} ORDER BY ${order}`;
}
