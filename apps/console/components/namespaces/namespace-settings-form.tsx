'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import type { NamespaceDetail } from '../../lib/trpc/router-types.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { FormFooter } from '../ui/form-footer.tsx';
import { TextField } from '../ui/text-field.tsx';
import styles from '../ui/form.module.css';

/** Edits the two things about a namespace that may change: retention and description. */
export function NamespaceSettingsForm({
  namespace,
  onSaved,
}: {
  namespace: NamespaceDetail;
  onSaved(): void;
}) {
  const [retentionDays, setRetentionDays] = useState(String(namespace.retentionDays));
  const [description, setDescription] = useState(namespace.description ?? '');
  const [saved, setSaved] = useState(false);
  const update = useApiMutation(() =>
    trpc.namespaces.update.mutate({
      name: namespace.name,
      retentionDays: Number(retentionDays),
      description: description.trim(),
    }),
  );

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (update.pending) return;
        setSaved(false);
        if ((await update.run(undefined)) === undefined) return;
        setSaved(true);
        onSaved();
      }}
    >
      <TextField
        label="Retention (days)"
        name="retentionDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={90}
        required
        hint="1 to 90 days. Applies to workflows that close from now on."
        value={retentionDays}
        onChange={(event) => setRetentionDays(event.target.value)}
        error={update.error}
      />
      <TextField
        label="Description"
        name="description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={update.error}
      />
      <FormFooter error={update.error} pending={update.pending} label="Save settings" pendingLabel="Saving…">
        <span role="status">{saved ? 'Settings saved.' : ''}</span>
      </FormFooter>
    </form>
  );
}
