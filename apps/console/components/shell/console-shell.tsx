import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Session } from '../../lib/trpc/router-types.ts';
import { roleLabels } from '../../lib/roles.ts';
import { AccountSwitcher } from './account-switcher.tsx';
import { LogOutButton } from './log-out-button.tsx';
import { NavLinks } from './nav-links.tsx';
import { SessionProvider } from './session-context.tsx';
import container from '../../app/page.module.css';
import styles from './shell.module.css';

/** The frame of every signed-in page: who is signed in, the account, the sections, log out. */
export function ConsoleShell({ session, children }: { session: Session; children: ReactNode }) {
  return (
    <SessionProvider session={session}>
      <header className={styles.topBar}>
        <div className={`${container.container} ${styles.topBarInner}`}>
          <Link href="/namespaces" className={styles.brand}>
            Kairos
          </Link>
          <div className={styles.account}>
            <span className={styles.who} data-testid="signed-in-as">
              {session.user.email} · {roleLabels[session.role]}
            </span>
            <AccountSwitcher />
            <LogOutButton />
          </div>
        </div>
      </header>
      <nav className={styles.nav} aria-label="Console">
        <div className={container.container}>
          <NavLinks />
        </div>
      </nav>
      <main id="main" tabIndex={-1} className={`${container.container} ${styles.main}`}>
        {children}
      </main>
    </SessionProvider>
  );
}
