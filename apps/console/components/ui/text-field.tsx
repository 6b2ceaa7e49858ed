import { useId, type InputHTMLAttributes } from 'react';
import { messagesFor, type CallError } from '../../lib/trpc/call-error.ts';
import { FieldErrors } from './field-errors.tsx';
import styles from './form.module.css';

type TextFieldProps = {
  label: string;
  name: string;
  /** The last failed call; its messages for `name` appear under the input. */
  error?: CallError | undefined;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

/** A labelled input whose hint and server-side messages are tied to it for screen readers. */
export function TextField({ label, name, error, hint, ...inputProps }: TextFieldProps) {
  const id = useId();
  const messages = messagesFor(error, name);
  const describedBy = [hint ? `${id}-hint` : '', messages.length > 0 ? `${id}-errors` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      <input
        {...inputProps}
        id={id}
        name={name}
        className={styles.input}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      <FieldErrors id={`${id}-errors`} messages={messages} />
    </div>
  );
}
