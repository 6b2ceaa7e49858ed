import type { ReactNode } from 'react';
import styles from './table.module.css';

/**
 * The scroll container around a wide table: focusable and named, so keyboard users can scroll it
 * and screen readers announce what it holds. The name ends in "table" so it never repeats the name
 * of the section around it (two landmarks with one name are ambiguous).
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.region} role="region" aria-label={`${label} table`} tabIndex={0}>
      {children}
    </div>
  );
}

export const tableStyles = styles;
