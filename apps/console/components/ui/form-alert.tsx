import type { CallError } from '../../lib/trpc/call-error.ts';
import styles from './form.module.css';

/** The message of a failed call, announced as soon as it appears. Renders nothing without one. */
export function FormAlert({ error }: { error: CallError | undefined }) {
  if (error === undefined) return null;
  return (
    <p role="alert" className={styles.alert}>
      {error.message}
    </p>
  );
}
