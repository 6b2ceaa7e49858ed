'use client';

import { useEffect, useRef, useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import type { QuotaRow } from '../../lib/trpc/router-types.ts';
import { FormFooter } from '../ui/form-footer.tsx';
import { TextField } from '../ui/text-field.tsx';
import formStyles from '../ui/form.module.css';
import { limitColumns, type LimitName } from './quota-limits.ts';
import styles from './quotas.module.css';

type Draft = Record<LimitName, string>;

/** An empty field means "the plan's value": it is sent as null, which removes the override. */
function toUpdateValue(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/** Overrides for one namespace's limits; focus moves here when it opens. */
export function QuotaEditForm({ row, onDone }: { row: QuotaRow; onDone(saved: boolean): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<Draft>(() => {
    const initial = {} as Draft;
    for (const { name } of limitColumns) {
      const limit = row.limits[name];
      initial[name] = limit.source === 'override' ? String(limit.value) : '';
    }
    return initial;
  });
  const update = useApiMutation(() =>
    trpc.quotas.update.mutate({
      namespace: row.namespace,
      requestsPerSecond: toUpdateValue(draft.requestsPerSecond),
      actionsPerSecond: toUpdateValue(draft.actionsPerSecond),
      maxOpenWorkflows: toUpdateValue(draft.maxOpenWorkflows),
      maxConcurrentPollers: toUpdateValue(draft.maxConcurrentPollers),
    }),
  );
  useEffect(() => heading.current?.focus(), []);

  return (
    <form
      className={`${formStyles.form} ${styles.editor}`}
      noValidate
      aria-labelledby="quota-edit-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (update.pending) return;
        if ((await update.run(undefined)) !== undefined) onDone(true);
      }}
    >
      <h3 id="quota-edit-heading" ref={heading} tabIndex={-1}>
        Quotas of {row.namespace}
      </h3>
      <p className={styles.hint}>
        Leave a field empty to use the plan&apos;s value (shown as the placeholder).
      </p>
      <div className={styles.grid}>
        {limitColumns.map(({ name, label }) => (
          <TextField
            key={name}
            label={label}
            name={name}
            type="number"
            inputMode="numeric"
            min={1}
            max={1_000_000}
            placeholder={row.limits[name].source === 'plan' ? String(row.limits[name].value) : 'plan value'}
            value={draft[name]}
            onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
            error={update.error}
          />
        ))}
      </div>
      <FormFooter error={update.error} pending={update.pending} label="Save quotas" pendingLabel="Saving…">
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </FormFooter>
    </form>
  );
}
