import Link from 'next/link';
import styles from './page.module.css';

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className={`${styles.container} ${styles.main}`}>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Go to the Kairos console</Link>
      </p>
    </main>
  );
}
