'use client';

import { useId, useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { roleLabels } from '../../lib/roles.ts';
import { homePath } from '../../lib/next-path.ts';
import { FormAlert } from '../ui/form-alert.tsx';
import { useSession } from './session-context.tsx';
import styles from './shell.module.css';

/**
 * Switches the session to another account the user belongs to. A button applies the choice:
 * changing a select alone must not move the user elsewhere (WCAG 3.2.2).
 */
export function AccountSwitcher() {
  const session = useSession();
  const id = useId();
  const [accountId, setAccountId] = useState(session.account.id);
  const switchAccount = useApiMutation((input: { accountId: string }) =>
    trpc.auth.switchAccount.mutate(input),
  );

  if (session.accounts.length < 2) {
    return <span className={styles.who}>{session.account.name}</span>;
  }
  return (
    <form
      className={styles.switcher}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await switchAccount.run({ accountId })) {
          // A full load: every page's data belongs to the account it was loaded for.
          window.location.assign(homePath);
        }
      }}
    >
      <label htmlFor={id}>Account</label>
      <select id={id} value={accountId} onChange={(event) => setAccountId(event.target.value)}>
        {session.accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name} ({roleLabels[account.role]})
          </option>
        ))}
      </select>
      <button type="submit" className="button" aria-disabled={switchAccount.pending}>
        Switch
      </button>
      <FormAlert error={switchAccount.error} />
    </form>
  );
}
