// Shared by the schedule rpcs: their dependencies and the schedule id rule.
import { InvalidArgument } from '@kairos/errors';
import { maxIdLength } from '@kairos/history/rules';
import type { Schedules } from '../../schedules/schedules.ts';
import type { VisibilityDependencies } from '../../visibility/api-visibility.ts';
import type { EngineDependencies } from './engine-rpc.ts';

export interface ScheduleRpcDependencies extends EngineDependencies {
  schedules: Schedules;
  /** The namespace's search attribute registry: the start action's attributes are checked when given. */
  visibility?: Pick<VisibilityDependencies, 'searchAttributes'>;
}

export function requireScheduleId(value: string | null | undefined, field = 'scheduleId'): string {
  if (!value) throw InvalidArgument.forField(field, 'must be set');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxIdLength)
    throw InvalidArgument.forField(field, `must be at most ${maxIdLength} bytes, got ${bytes}`);
  return value;
}
