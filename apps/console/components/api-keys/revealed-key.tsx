'use client';

import { useEffect, useRef } from 'react';
import { CopyButton } from '../copy-button.tsx';
import styles from './api-keys.module.css';

/**
 * The one moment the secret exists outside the api: shown once, never stored by the console.
 * Focus moves here so keyboard and screen reader users land on it before anything else.
 */
export function RevealedKey({
  name,
  secret,
  onDismiss,
}: {
  name: string;
  secret: string;
  onDismiss(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [secret]);

  return (
    <section className={styles.reveal} aria-labelledby="revealed-key-heading">
      <h2 id="revealed-key-heading" ref={heading} tabIndex={-1}>
        Your new API key “{name}”
      </h2>
      <p className={styles.warning}>
        Copy it now and keep it somewhere safe: you won&apos;t see it again. Kairos stores only a hash.
      </p>
      <pre className={styles.secret}>
        <code data-testid="revealed-api-key">{secret}</code>
      </pre>
      <div className={styles.revealActions}>
        <CopyButton text={secret} label="Copy API key" />
        <button type="button" className="button" onClick={onDismiss}>
          I have saved it
        </button>
      </div>
    </section>
  );
}
