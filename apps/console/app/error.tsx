'use client';

import styles from './page.module.css';

/**
 * Shown when rendering a page throws. The message itself stays in the server log (Next.js hides
 * it in production); the digest lets an operator find that log line.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" tabIndex={-1} className={`${styles.container} ${styles.main}`}>
      <h1>Something went wrong</h1>
      <p>The console could not show this page.</p>
      {error.digest !== undefined && (
        <p>
          Error reference: <code>{error.digest}</code>
        </p>
      )}
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </p>
    </main>
  );
}
