'use client';

import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_COLUMNS } from './workflow-columns.ts';

/**
 * The chosen columns of a namespace's list, kept in localStorage (per browser, per namespace).
 * Read after mounting, so the server render and the first client render agree.
 */
export function useStoredColumns(
  namespace: string,
): [readonly string[], (columns: readonly string[]) => void] {
  const key = `kairos.workflowColumns.${namespace}`;
  const [columns, setColumns] = useState<readonly string[]>(DEFAULT_COLUMNS);

  useEffect(() => {
    try {
      const stored: unknown = JSON.parse(window.localStorage.getItem(key) ?? 'null');
      if (Array.isArray(stored) && stored.every((item) => typeof item === 'string')) setColumns(stored);
    } catch {
      // A damaged entry is ignored; the next choice overwrites it.
    }
  }, [key]);

  const store = useCallback(
    (next: readonly string[]) => {
      setColumns(next);
      window.localStorage.setItem(key, JSON.stringify(next));
    },
    [key],
  );
  return [columns, store];
}
