import { Badge, type BadgeTone } from '../ui/badge.tsx';

const statusTones: Record<string, BadgeTone> = {
  Running: 'accent',
  Completed: 'ok',
  Failed: 'bad',
  Canceled: 'warn',
  Terminated: 'bad',
  ContinuedAsNew: 'neutral',
  TimedOut: 'bad',
};

/** A run's execution status as a badge; the word carries the meaning. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="workflow-status">
      <Badge tone={statusTones[status] ?? 'neutral'}>{status}</Badge>
    </span>
  );
}
