import type { QuotaRow } from '../../lib/trpc/router-types.ts';

export type LimitName = keyof QuotaRow['limits'];

/** The four per-namespace limits, in the order the page shows them. */
export const limitColumns: readonly { name: LimitName; label: string; unit: string }[] = [
  { name: 'requestsPerSecond', label: 'Requests per second', unit: '/s' },
  { name: 'actionsPerSecond', label: 'Actions per second', unit: '/s' },
  { name: 'maxOpenWorkflows', label: 'Open workflows', unit: '' },
  { name: 'maxConcurrentPollers', label: 'Concurrent pollers', unit: '' },
];
