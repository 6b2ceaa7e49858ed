import { useId, type SelectHTMLAttributes } from 'react';
import { messagesFor, type CallError } from '../../lib/trpc/call-error.ts';
import { FieldErrors } from './field-errors.tsx';
import styles from './form.module.css';

type SelectFieldProps = {
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  error?: CallError | undefined;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'>;

export function SelectField({ label, name, options, error, ...selectProps }: SelectFieldProps) {
  const id = useId();
  const messages = messagesFor(error, name);
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <select
        {...selectProps}
        id={id}
        name={name}
        className={styles.input}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={messages.length > 0 ? `${id}-errors` : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-errors`} messages={messages} />
    </div>
  );
}
