'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './shell.module.css';

const links = [
  { href: '/namespaces', label: 'Namespaces' },
  { href: '/api-keys', label: 'API keys' },
  { href: '/members', label: 'Members' },
  { href: '/quotas', label: 'Quotas' },
  { href: '/audit', label: 'Audit log' },
] as const;

/** The console's sections; the current one is marked for screen readers with aria-current. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className={styles.navList}>
      {links.map(({ href, label }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link href={href} className={styles.navLink} aria-current={current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
