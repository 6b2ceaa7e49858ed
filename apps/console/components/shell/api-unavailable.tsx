import Link from 'next/link';
import container from '../../app/page.module.css';
import styles from '../ui/form.module.css';
import shell from './shell.module.css';
import page from '../ui/page.module.css';

/** Shown instead of a signed-in page when the api cannot say who is signed in. */
export function ApiUnavailable({ message }: { message: string }) {
  return (
    <main id="main" tabIndex={-1} className={`${container.container} ${shell.main}`}>
      <div className={page.page}>
        <h1>The console cannot reach the Kairos api</h1>
        <p role="alert" className={styles.alert}>
          {message}
        </p>
        <p>
          Try again in a moment, or go back to the <Link href="/">start page</Link> to see the api&apos;s
          status.
        </p>
      </div>
    </main>
  );
}
