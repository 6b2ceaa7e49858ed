import type { ReactNode } from 'react';
import styles from './badge.module.css';

export type BadgeTone = 'neutral' | 'ok' | 'bad' | 'warn' | 'accent';

/** A short state word (Completed, Revoked, Override…); the word carries the meaning, not the colour. */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`${styles.badge} ${styles[tone]}`}>{children}</span>;
}
