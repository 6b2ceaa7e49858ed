'use client';

import { useCallback, useState } from 'react';
import { describeCallError, type CallError } from './call-error.ts';
import { sendToLogIn } from './send-to-log-in.ts';

export interface ApiMutation<I, O> {
  /** Runs the call; resolves to the output, or to undefined when it failed (see `error`). */
  run(input: I): Promise<O | undefined>;
  pending: boolean;
  error: CallError | undefined;
  reset(): void;
}

/**
 * A tRPC mutation with the pending flag and the error (field messages included) a form shows.
 * UNAUTHORIZED means the session ended, so the user is sent to log in again, except where it is
 * the answer itself (`unauthorizedIsAnswer`: wrong credentials on the log-in form).
 */
export function useApiMutation<I, O>(
  call: (input: I) => Promise<O>,
  { unauthorizedIsAnswer = false }: { unauthorizedIsAnswer?: boolean } = {},
): ApiMutation<I, O> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CallError | undefined>(undefined);

  const run = useCallback(
    async (input: I) => {
      setPending(true);
      setError(undefined);
      try {
        return await call(input);
      } catch (caught) {
        const described = describeCallError(caught);
        if (described.code === 'UNAUTHORIZED' && !unauthorizedIsAnswer) sendToLogIn();
        setError(described);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [call, unauthorizedIsAnswer],
  );
  const reset = useCallback(() => setError(undefined), []);
  return { run, pending, error, reset };
}
