import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleShell } from '../../components/shell/console-shell.tsx';
import { ApiUnavailable } from '../../components/shell/api-unavailable.tsx';
import { logInPath } from '../../lib/next-path.ts';
import { pathHeader } from '../../lib/path-header.ts';
import { lookUpSession } from '../../lib/trpc/server-client.ts';

export const dynamic = 'force-dynamic';

/** Every page in this group needs a session: without one the user is sent to log in, then back. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const lookup = await lookUpSession();
  if (lookup.kind === 'signed-out') {
    redirect(logInPath((await headers()).get(pathHeader) ?? '/namespaces'));
  }
  if (lookup.kind === 'unavailable') return <ApiUnavailable message={lookup.message} />;
  return <ConsoleShell session={lookup.session}>{children}</ConsoleShell>;
}
