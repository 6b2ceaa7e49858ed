import type { ReactNode } from 'react';
import styles from './page.module.css';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className={styles.header}>
      <h1>{title}</h1>
      {children !== undefined && <p className={styles.lead}>{children}</p>}
    </header>
  );
}

export const pageStyles = styles;
