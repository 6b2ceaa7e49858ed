import type { ReactNode } from 'react';
import type { ApiQuery } from '../../lib/trpc/use-api-query.ts';
import styles from './query-view.module.css';

/** The loading and error states of a query, and `children` once its data is there. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: ApiQuery<T>;
  /** What is loading, in a few words: "namespaces", "API keys". */
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.state === 'loading') {
    return (
      <p role="status" className={styles.pending}>
        Loading {what}…
      </p>
    );
  }
  if (query.state === 'error') {
    return (
      <div role="alert" className={styles.failed}>
        <p>
          Could not load {what}: {query.error.message}
        </p>
        <button type="button" className="button" onClick={query.reload}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
