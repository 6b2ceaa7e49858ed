'use client';

import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { FormAlert } from '../ui/form-alert.tsx';

export function LogOutButton() {
  const logOut = useApiMutation(() => trpc.auth.logOut.mutate());
  return (
    <>
      <button
        type="button"
        className="button"
        aria-disabled={logOut.pending}
        onClick={async () => {
          if (logOut.pending) return;
          // A full load clears every page's state along with the session.
          if (await logOut.run(undefined)) window.location.assign('/login');
        }}
      >
        Log out
      </button>
      <FormAlert error={logOut.error} />
    </>
  );
}
