import { temporal } from '@kairos/proto';
import { maxIdLength, reservedTaskQueuePrefix } from './limits.ts';

const TaskQueueKind = temporal.api.enums.v1.TaskQueueKind;

export interface NormalizedTaskQueue {
  name: string;
  kind: 'normal' | 'sticky';
  /** A sticky queue's normal queue, when the worker said (old SDKs do not). */
  normalName?: string;
}

export type TaskQueueReading =
  | { ok: true; taskQueue: NormalizedTaskQueue }
  /** `field` is relative to the task queue: '' (the message itself), `name`, `kind` or `normalName`. */
  | { ok: false; field: '' | 'name' | 'kind' | 'normalName'; problem: string };

/**
 * A task queue named by a user (start request, activity, child workflow), checked as Temporal's
 * `NormalizeAndValidateUserDefined` does: it must be present and named (no default is applied), an
 * unspecified kind means normal, names are at most 1000 bytes and may not use the reserved `/_sys/`
 * prefix that partitions use. A sticky queue's normal name, if given, is checked for length only.
 */
export function readTaskQueue(
  taskQueue: temporal.api.taskqueue.v1.ITaskQueue | null | undefined,
): TaskQueueReading {
  if (!taskQueue) return { ok: false, field: '', problem: 'must be set' };
  const kindValue = taskQueue.kind ?? TaskQueueKind.TASK_QUEUE_KIND_UNSPECIFIED;
  let kind: NormalizedTaskQueue['kind'];
  if (
    kindValue === TaskQueueKind.TASK_QUEUE_KIND_UNSPECIFIED ||
    kindValue === TaskQueueKind.TASK_QUEUE_KIND_NORMAL
  ) {
    kind = 'normal';
  } else if (kindValue === TaskQueueKind.TASK_QUEUE_KIND_STICKY) {
    kind = 'sticky';
  } else {
    return { ok: false, field: 'kind', problem: `unknown task queue kind ${String(kindValue)}` };
  }
  const name = taskQueue.name ?? '';
  const nameProblem = taskQueueNameProblem(name, true);
  if (nameProblem) return { ok: false, field: 'name', problem: nameProblem };
  const normalName = taskQueue.normalName ?? '';
  if (kind === 'sticky' && normalName !== '') {
    const normalNameProblem = taskQueueNameProblem(normalName, false);
    if (normalNameProblem) return { ok: false, field: 'normalName', problem: normalNameProblem };
    return { ok: true, taskQueue: { name, kind, normalName } };
  }
  return { ok: true, taskQueue: { name, kind } };
}

function taskQueueNameProblem(name: string, rootPartition: boolean): string | undefined {
  if (name === '') return 'must be set';
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxIdLength) return `must be at most ${maxIdLength} bytes, got ${bytes}`;
  if (rootPartition && name.startsWith(reservedTaskQueuePrefix)) {
    return `must not start with the reserved prefix ${reservedTaskQueuePrefix}`;
  }
  return undefined;
}
