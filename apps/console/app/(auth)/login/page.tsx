import { redirect } from 'next/navigation';
import { AuthForm } from '../../../components/auth/auth-form.tsx';
import { safeNextPath } from '../../../lib/next-path.ts';
import { lookUpSession } from '../../../lib/trpc/server-client.ts';

export const metadata = { title: 'Log in · Kairos console' };

export default async function LogInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  // Already signed in: nothing to do here.
  if ((await lookUpSession()).kind === 'signed-in') redirect(next);
  return <AuthForm mode="log-in" next={next} />;
}
