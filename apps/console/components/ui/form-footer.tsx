import type { ReactNode } from 'react';
import type { CallError } from '../../lib/trpc/call-error.ts';
import { FormAlert } from './form-alert.tsx';
import styles from './form.module.css';

/**
 * The end of every console form: the call's error (announced), then the submit button, which says
 * what is happening while the call runs, and whatever else belongs beside it (a status, Cancel).
 */
export function FormFooter(props: {
  error: CallError | undefined;
  pending: boolean;
  label: string;
  pendingLabel: string;
  children?: ReactNode;
}) {
  return (
    <>
      <FormAlert error={props.error} />
      <div className={styles.actions}>
        <button type="submit" className="button" aria-disabled={props.pending}>
          {props.pending ? props.pendingLabel : props.label}
        </button>
        {props.children}
      </div>
    </>
  );
}
