'use client';

import { useCallback, useEffect, useState } from 'react';
import { describeCallError, type CallError } from './call-error.ts';
import { sendToLogIn } from './send-to-log-in.ts';

export type ApiQuery<T> = (
  { state: 'loading' } | { state: 'error'; error: CallError } | { state: 'ready'; data: T }
) & {
  /** Loads again; the last data stays on screen until the new answer arrives. */
  reload(): void;
};

/**
 * Loads data with a tRPC query when the component mounts and whenever `key` changes. A session
 * that ended meanwhile (UNAUTHORIZED) sends the user to the log-in page and back here after.
 */
export function useApiQuery<T>(key: string, load: () => Promise<T>): ApiQuery<T> {
  const [result, setResult] = useState<
    { key: string; state: 'ready'; data: T } | { key: string; state: 'error'; error: CallError } | undefined
  >(undefined);
  const [generation, setGeneration] = useState(0);
  // `load` is a fresh closure on every render; `key` says when it asks for something else.
  const stableLoad = useCallback(load, [key]);

  useEffect(() => {
    let current = true;
    stableLoad().then(
      (data) => current && setResult({ key, state: 'ready', data }),
      (error: unknown) => {
        if (!current) return;
        const described = describeCallError(error);
        if (described.code === 'UNAUTHORIZED') sendToLogIn();
        setResult({ key, state: 'error', error: described });
      },
    );
    return () => {
      current = false;
    };
  }, [key, stableLoad, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  if (result === undefined || result.key !== key) return { state: 'loading', reload };
  return { ...result, reload };
}
