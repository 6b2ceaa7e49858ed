'use client';

import Link from 'next/link';
import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { FormAlert } from '../ui/form-alert.tsx';
import { TextField } from '../ui/text-field.tsx';
import formStyles from '../ui/form.module.css';
import styles from './auth.module.css';

type Mode = 'sign-up' | 'log-in';

const copy = {
  'sign-up': { title: 'Create your Kairos account', submit: 'Sign up', pending: 'Creating your account…' },
  'log-in': { title: 'Log in to Kairos', submit: 'Log in', pending: 'Logging in…' },
} as const;

/** Sign-up and log-in: the same card, the account name only when signing up. */
export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accountName, setAccountName] = useState('');
  const submit = useApiMutation(
    () =>
      mode === 'sign-up'
        ? trpc.auth.signUp.mutate({ email, password, accountName })
        : trpc.auth.logIn.mutate({ email, password }),
    // Wrong credentials come back as UNAUTHORIZED: that is the answer to show, not an ended session.
    { unauthorizedIsAnswer: true },
  );
  const otherMode = mode === 'sign-up' ? 'log-in' : 'sign-up';
  const otherHref = `/${otherMode === 'log-in' ? 'login' : 'signup'}?next=${encodeURIComponent(next)}`;

  return (
    <div className={styles.card}>
      <h1>{copy[mode].title}</h1>
      <form
        className={formStyles.form}
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (submit.pending) return;
          // A full load: the signed-in layout reads the new session cookie on the server.
          if (await submit.run(undefined)) window.location.assign(next);
        }}
      >
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={submit.error}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          required
          hint={mode === 'sign-up' ? 'At least 12 characters.' : undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={submit.error}
        />
        {mode === 'sign-up' && (
          <TextField
            label="Account name"
            name="accountName"
            autoComplete="organization"
            required
            hint="Your company or team; you can invite others to it."
            value={accountName}
            onChange={(event) => setAccountName(event.target.value)}
            error={submit.error}
          />
        )}
        <FormAlert error={submit.error} />
        <button type="submit" className={`button ${styles.submit}`} aria-disabled={submit.pending}>
          {submit.pending ? copy[mode].pending : copy[mode].submit}
        </button>
      </form>
      <p>
        {mode === 'sign-up' ? 'Already have an account? ' : 'New to Kairos? '}
        <Link href={otherHref}>{mode === 'sign-up' ? 'Log in' : 'Sign up'}</Link>
      </p>
    </div>
  );
}
