import type { temporal } from '@kairos/proto';
import { fairnessKeyMaxLength } from './limits.ts';

/** What is wrong with a Priority (start request, activity, child), as Temporal checks it, or undefined. */
export function priorityProblem(
  priority: temporal.api.common.v1.IPriority | null | undefined,
): { field: 'priorityKey' | 'fairnessKey' | 'fairnessWeight'; problem: string } | undefined {
  if (!priority) return undefined;
  const priorityKey = priority.priorityKey ?? 0;
  if (priorityKey < 0) return { field: 'priorityKey', problem: `must not be negative, got ${priorityKey}` };
  const fairnessKeyBytes = Buffer.byteLength(priority.fairnessKey ?? '', 'utf8');
  if (fairnessKeyBytes > fairnessKeyMaxLength) {
    return {
      field: 'fairnessKey',
      problem: `must be at most ${fairnessKeyMaxLength} bytes, got ${fairnessKeyBytes}`,
    };
  }
  const fairnessWeight = priority.fairnessWeight ?? 0;
  if (fairnessWeight < 0)
    return { field: 'fairnessWeight', problem: `must not be negative, got ${fairnessWeight}` };
  return undefined;
}
