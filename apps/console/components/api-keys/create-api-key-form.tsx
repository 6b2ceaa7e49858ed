'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { apiKeyRoles, hasRole, roleLabels } from '../../lib/roles.ts';
import type { RouterOutputs } from '../../lib/trpc/router-types.ts';
import { useSession } from '../shell/session-context.tsx';
import { FormFooter } from '../ui/form-footer.tsx';
import { SelectField } from '../ui/select-field.tsx';
import { TextField } from '../ui/text-field.tsx';
import styles from '../ui/form.module.css';
import { NamespaceScopeFieldset } from './namespace-scope-fieldset.tsx';

type Created = RouterOutputs['apiKeys']['create'];
type KeyRole = (typeof apiKeyRoles)[number];

/** Name, role (never above the creator's own), namespace scope and lifetime of a new key. */
export function CreateApiKeyForm({ onCreated }: { onCreated(created: Created): void }) {
  const session = useSession();
  const allowedRoles = apiKeyRoles.filter((role) => hasRole(session.role, role));
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>(allowedRoles.includes('developer') ? 'developer' : 'read_only');
  const [allNamespaces, setAllNamespaces] = useState(true);
  const [namespaces, setNamespaces] = useState<string[]>([]);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const create = useApiMutation(() =>
    trpc.apiKeys.create.mutate({
      name: name.trim(),
      role,
      scope: allNamespaces ? { all: true } : { namespaces },
      expiresInDays: Number(expiresInDays),
    }),
  );

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (create.pending) return;
        const created = await create.run(undefined);
        if (created === undefined) return;
        setName('');
        onCreated(created);
      }}
    >
      <TextField
        label="Name"
        name="name"
        required
        autoComplete="off"
        hint="What uses the key, such as “orders worker (production)”."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={create.error}
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as KeyRole)}
        options={allowedRoles.map((value) => ({ value, label: roleLabels[value] }))}
        error={create.error}
      />
      <NamespaceScopeFieldset
        allNamespaces={allNamespaces}
        selected={namespaces}
        onAllNamespacesChange={setAllNamespaces}
        onSelectedChange={setNamespaces}
        error={create.error}
      />
      <TextField
        label="Expires after (days)"
        name="expiresInDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        required
        hint="1 to 365 days."
        value={expiresInDays}
        onChange={(event) => setExpiresInDays(event.target.value)}
        error={create.error}
      />
      <FormFooter
        error={create.error}
        pending={create.pending}
        label="Create API key"
        pendingLabel="Creating…"
      />
    </form>
  );
}
