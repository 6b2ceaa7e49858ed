import { int64, temporal } from '@kairos/proto';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState, UpdateInfo, WorkflowTaskInfo } from '../state/mutable-state.ts';

/**
 * The run's Workflow Updates as mutable state holds them (`state.updates`): admitting one, marking
 * which workflow task carried it to a worker, and the protocol messages that carry it. Pure.
 */
type IRequest = temporal.api.update.v1.IRequest;
const { Request } = temporal.api.update.v1;

/** The type URL of an Any holding `temporal.api.update.v1.<name>`. */
export function updateTypeUrl(name: 'Request' | 'Acceptance' | 'Rejection' | 'Response'): string {
  return `type.googleapis.com/temporal.api.update.v1.${name}`;
}

/** Rejected updates are remembered (to answer retries of the same id) up to this many per run. */
const MAX_REMEMBERED_REJECTIONS = 100;

export function updatesOf(state: MutableState): Record<string, UpdateInfo> {
  state.updates ??= {};
  return state.updates;
}

export function findUpdate(state: MutableState, updateId: string): UpdateInfo | undefined {
  return state.updates?.[updateId];
}

/** Records a new update as admitted; the caller makes sure a workflow task will carry it. */
export function admitUpdate(mutation: ExecutionMutation, request: IRequest): UpdateInfo {
  const info: UpdateInfo = {
    stage: 'admitted',
    admittedTimeMs: mutation.now,
    request: Buffer.from(Request.encode(request).finish()).toString('base64'),
  };
  updatesOf(mutation.state)[request.meta?.updateId ?? ''] = info;
  mutation.touch();
  return info;
}

export function decodeUpdateRequest(info: UpdateInfo): IRequest | undefined {
  return info.request === undefined ? undefined : Request.decode(Buffer.from(info.request, 'base64'));
}

/** Updates still waiting for a worker's answer. */
export function admittedUpdates(state: MutableState): [string, UpdateInfo][] {
  return Object.entries(state.updates ?? {}).filter(([, info]) => info.stage === 'admitted');
}

/** True when an admitted update has not been sent in `task` (so another workflow task must carry it). */
export function hasUndeliveredUpdates(state: MutableState, task?: WorkflowTaskInfo): boolean {
  return admittedUpdates(state).some(([, info]) => !sentIn(info, task));
}

export function sentIn(info: UpdateInfo, task: WorkflowTaskInfo | undefined): boolean {
  return (
    task !== undefined &&
    info.sentToTask?.scheduledEventId === task.scheduledEventId &&
    info.sentToTask.attempt === task.attempt
  );
}

/** The started task carries every admitted update; a failed task's updates go out again in the next. */
export function markUpdatesSent(mutation: ExecutionMutation, task: WorkflowTaskInfo): void {
  for (const [, info] of admittedUpdates(mutation.state)) {
    info.sentToTask = { scheduledEventId: task.scheduledEventId, attempt: task.attempt };
    mutation.touch();
  }
}

/**
 * The messages a poll of `task` receives: one `Request` per update sent in it, sequenced after the
 * event before WorkflowTaskStarted (as Temporal does: messages are processed after all events).
 */
export function updateRequestMessages(
  state: MutableState,
  task: WorkflowTaskInfo,
): temporal.api.protocol.v1.IMessage[] {
  const startedEventId = task.startedEventId ?? 0;
  return admittedUpdates(state)
    .filter(([, info]) => sentIn(info, task) && info.request !== undefined)
    .map(([updateId, info]) => ({
      id: `${updateId}/request`,
      protocolInstanceId: updateId,
      eventId: int64(startedEventId - 1),
      body: { type_url: updateTypeUrl('Request'), value: Buffer.from(info.request!, 'base64') },
    }));
}

/** A rejection: the update leaves history untouched; only its failure is kept, for retried ids. */
export function rejectUpdate(
  mutation: ExecutionMutation,
  updateId: string,
  failure: temporal.api.failure.v1.IFailure,
): void {
  const updates = updatesOf(mutation.state);
  updates[updateId] = {
    stage: 'rejected',
    admittedTimeMs: updates[updateId]?.admittedTimeMs ?? mutation.now,
    rejection: Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish()).toString('base64'),
  };
  mutation.touch();
  const rejected = Object.entries(updates).filter(([, info]) => info.stage === 'rejected');
  for (const [id] of rejected.slice(0, Math.max(0, rejected.length - MAX_REMEMBERED_REJECTIONS))) {
    delete updates[id];
  }
}
