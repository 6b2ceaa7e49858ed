'use client';

import Link from 'next/link';
import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { FormFooter } from '../ui/form-footer.tsx';
import { TextField } from '../ui/text-field.tsx';
import styles from '../ui/form.module.css';

/** Name, retention and description of a new namespace; the api validates and answers per field. */
export function CreateNamespaceForm({ onCreated }: { onCreated(): void }) {
  const [name, setName] = useState('');
  const [retentionDays, setRetentionDays] = useState('30');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<string | undefined>(undefined);
  const create = useApiMutation(() =>
    trpc.namespaces.create.mutate({
      name: name.trim(),
      retentionDays: Number(retentionDays),
      ...(description.trim() === '' ? {} : { description: description.trim() }),
    }),
  );

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (create.pending) return;
        setCreated(undefined);
        const namespace = await create.run(undefined);
        if (namespace === undefined) return;
        setCreated(namespace.name);
        setName('');
        setDescription('');
        onCreated();
      }}
    >
      <TextField
        label="Name"
        name="name"
        required
        autoComplete="off"
        spellCheck={false}
        hint="2–39 characters: lowercase letters, digits and hyphens. It cannot be changed later."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={create.error}
      />
      <TextField
        label="Retention (days)"
        name="retentionDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={90}
        required
        hint="How long closed workflows are kept: 1 to 90 days."
        value={retentionDays}
        onChange={(event) => setRetentionDays(event.target.value)}
        error={create.error}
      />
      <TextField
        label="Description (optional)"
        name="description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={create.error}
      />
      <FormFooter
        error={create.error}
        pending={create.pending}
        label="Create namespace"
        pendingLabel="Creating…"
      />
      <div role="status">
        {created !== undefined && (
          <p className={styles.success}>
            Namespace {created} created. <Link href={`/namespaces/${created}`}>Open {created}</Link>
          </p>
        )}
      </div>
    </form>
  );
}
