import { errorPosition } from './query-completion.ts';
import styles from './workflows.module.css';

/** The server's filter error, with the named position marked under the filter text. */
export function QueryErrorMessage({ id, query, message }: { id: string; query: string; message: string }) {
  const position = errorPosition(message);
  return (
    <div id={id} role="alert" className={styles.queryError} data-testid="query-error">
      <p>{message}</p>
      {position !== undefined && (
        <pre className={styles.queryPointer} aria-hidden="true">
          {query}
          {'\n'}
          {' '.repeat(Math.max(0, position - 1))}^
        </pre>
      )}
    </div>
  );
}
