'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/**
 * Re-runs the server-side health check without a full reload: refresh() re-renders the page's
 * server components, and the transition keeps the last result on screen until the new one lands.
 */
export function RecheckButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <button
      type="button"
      className="button"
      // aria-disabled instead of disabled: a disabled button drops keyboard focus mid-check.
      aria-disabled={pending}
      onClick={() => {
        if (pending) return;
        startTransition(() => router.refresh());
      }}
    >
      {pending ? 'Checking…' : 'Check again'}
    </button>
  );
}
