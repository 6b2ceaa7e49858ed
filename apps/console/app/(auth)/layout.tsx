import Link from 'next/link';
import type { ReactNode } from 'react';
import container from '../page.module.css';
import styles from '../../components/auth/auth.module.css';

export const dynamic = 'force-dynamic';

/** The frame of the sign-up and log-in pages: the product name and one centred card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className={container.masthead}>
        <div className={container.container}>
          <Link href="/" className={styles.brand}>
            Kairos
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`${container.container} ${styles.main}`}>
        {children}
      </main>
    </>
  );
}
