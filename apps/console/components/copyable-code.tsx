import type { ReactNode } from 'react';
import { CopyButton } from './copy-button.tsx';
import styles from './copyable-code.module.css';

/** A titled block of code the user copies verbatim (an install command, the SDK connection code). */
export function CopyableCode(props: {
  heading: ReactNode;
  copyLabel: string;
  text: string;
  testId?: string;
}) {
  return (
    <div className={styles.block}>
      <div className={styles.header}>
        <h3>{props.heading}</h3>
        <CopyButton text={props.text} label={props.copyLabel} />
      </div>
      <pre className={styles.code} data-testid={props.testId}>
        <code>{props.text}</code>
      </pre>
    </div>
  );
}
