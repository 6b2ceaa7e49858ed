'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { CallError } from '../../lib/trpc/call-error.ts';
import { FormAlert } from './form-alert.tsx';
import styles from './confirm-dialog.module.css';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: CallError | undefined;
  onConfirm(): void;
  onClose(): void;
};

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert, keeps
 * Tab inside, closes on Escape and gives focus back to the opener on close. Focus starts on
 * Cancel, so a stray Enter never confirms a destructive action.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, pending, error, onConfirm, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId} onClose={onClose}>
      <div className={styles.body}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <FormAlert error={error} />
        <div className={styles.actions}>
          <button type="button" className="button" autoFocus onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${styles.danger}`}
            aria-disabled={pending}
            onClick={() => {
              if (!pending) onConfirm();
            }}
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
