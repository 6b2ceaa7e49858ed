'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { hasRole, roleLabels, roles, type AccountRole } from '../../lib/roles.ts';
import { useSession } from '../shell/session-context.tsx';
import { FormFooter } from '../ui/form-footer.tsx';
import { SelectField } from '../ui/select-field.tsx';
import { TextField } from '../ui/text-field.tsx';
import styles from '../ui/form.module.css';

/**
 * Invites by email. Someone who already has a Kairos login joins at once; anyone else gets a
 * pending invitation that sign-up with that email accepts.
 */
export function InviteMemberForm({ onInvited }: { onInvited(): void }) {
  const session = useSession();
  const grantable = roles.filter((role) => role !== 'owner' || session.role === 'owner');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AccountRole>('developer');
  const [outcome, setOutcome] = useState('');
  const invite = useApiMutation(() => trpc.members.invite.mutate({ email: email.trim(), role }));

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (invite.pending) return;
        setOutcome('');
        const result = await invite.run(undefined);
        if (result === undefined) return;
        setOutcome(
          result.kind === 'member'
            ? `${result.member.email} already had a login and is now a member.`
            : `Invitation for ${result.invitation.email} created.`,
        );
        setEmail('');
        onInvited();
      }}
    >
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={invite.error}
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(event) => setRole(event.target.value as AccountRole)}
        options={grantable
          .filter((r) => hasRole(session.role, r))
          .map((value) => ({ value, label: roleLabels[value] }))}
        error={invite.error}
      />
      <FormFooter error={invite.error} pending={invite.pending} label="Invite" pendingLabel="Inviting…">
        <span role="status">{outcome}</span>
      </FormFooter>
    </form>
  );
}
