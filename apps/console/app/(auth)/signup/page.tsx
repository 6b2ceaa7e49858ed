import { redirect } from 'next/navigation';
import { AuthForm } from '../../../components/auth/auth-form.tsx';
import { safeNextPath } from '../../../lib/next-path.ts';
import { lookUpSession } from '../../../lib/trpc/server-client.ts';

export const metadata = { title: 'Sign up · Kairos console' };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if ((await lookUpSession()).kind === 'signed-in') redirect(next);
  return <AuthForm mode="sign-up" next={next} />;
}
