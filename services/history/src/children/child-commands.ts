import { int64, int64ToNumber, temporal } from '@kairos/proto';
import type { CommandContext, CommandResult } from '../commands/command-context.ts';
import { pendingLimitRejection } from '../rules/pending-limits.ts';
import { checkStartChildCommand } from '../rules/start-child-command.ts';
import { encodedHeader, encodedPayloads } from '../state/encoded.ts';
import {
  checkCancelExternalCommand,
  checkSignalExternalCommand,
} from '../rules/external-workflow-command.ts';

const InitiatedAttributes = temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
const { TaskQueueKind } = temporal.api.enums.v1;

/** The run's namespace as the command events name it (tests without one: the id, no name). */
export function commandNamespace(context: CommandContext): { id: string; name: string } {
  return context.namespace ?? { id: context.mutation.state.namespaceId, name: '' };
}

/**
 * StartChildWorkflowExecution: StartChildWorkflowExecutionInitiated, a pending child, and a transfer
 * task that starts the child on its own shard once this write commits (see transfer-task.ts).
 */
export function startChildWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.IStartChildWorkflowExecutionCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const state = mutation.state;
  const namespace = commandNamespace(context);
  const checked = checkStartChildCommand(command, {
    namespace: namespace.name,
    taskQueue: state.taskQueue,
    searchAttributeLookup: context.searchAttributeLookup,
  });
  if (!checked.ok) return checked;
  const tooMany = pendingLimitRejection('children', Object.keys(state.pendingChildren ?? {}).length);
  if (tooMany) return tooMany;
  const child = checked.attributes;
  const attributes: temporal.api.history.v1.IStartChildWorkflowExecutionInitiatedEventAttributes = {
    namespace: namespace.name,
    namespaceId: namespace.id,
    workflowId: child.workflowId,
    workflowType: { name: child.workflowType },
    taskQueue: { name: child.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    input: command.input ?? null,
    workflowExecutionTimeout: command.workflowExecutionTimeout ?? null,
    workflowRunTimeout: command.workflowRunTimeout ?? null,
    workflowTaskTimeout: command.workflowTaskTimeout ?? null,
    parentClosePolicy: child.parentClosePolicyValue,
    control: command.control ?? '',
    workflowTaskCompletedEventId: int64(context.completedEventId),
    workflowIdReusePolicy: command.workflowIdReusePolicy ?? 0,
    retryPolicy: command.retryPolicy ?? null,
    cronSchedule: command.cronSchedule ?? '',
    header: command.header ?? null,
    memo: command.memo ?? null,
    searchAttributes: command.searchAttributes ?? null,
    inheritBuildId: command.inheritBuildId ?? false,
  };
  const initiated = mutation.append('startChildWorkflowExecutionInitiated', attributes);
  const initiatedEventId = int64ToNumber(initiated.eventId);
  state.pendingChildren = {
    ...state.pendingChildren,
    [initiatedEventId]: {
      initiatedEventId,
      workflowTaskCompletedEventId: context.completedEventId,
      namespaceId: namespace.id,
      namespace: namespace.name,
      workflowId: child.workflowId,
      workflowType: child.workflowType,
      parentClosePolicy: child.parentClosePolicy,
      ...(command.control ? { control: command.control } : {}),
    },
  };
  const self = { workflowId: state.workflowId, runId: state.runId };
  mutation.transfers.push({
    kind: 'start-child',
    namespaceId: namespace.id,
    namespace: namespace.name,
    target: { workflowId: child.workflowId },
    initiatedEventId,
    parent: self,
    root: state.root ?? self,
    attributes: Buffer.from(InitiatedAttributes.encode(attributes).finish()).toString('base64'),
  });
  return undefined;
}

/**
 * SignalExternalWorkflowExecution: SignalExternalWorkflowExecutionInitiated, a pending signal, and a
 * transfer task that signals the target; its outcome comes back as ExternalWorkflowExecutionSignaled
 * or SignalExternalWorkflowExecutionFailed.
 */
export function signalExternalWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.ISignalExternalWorkflowExecutionCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const state = mutation.state;
  const namespace = commandNamespace(context);
  const checked = checkSignalExternalCommand(command, { namespace: namespace.name });
  if (!checked.ok) return checked;
  const tooMany = pendingLimitRejection('signals', Object.keys(state.pendingSignals ?? {}).length);
  if (tooMany) return tooMany;
  const target = checked.attributes;
  const childWorkflowOnly = command.childWorkflowOnly ?? false;
  const initiated = mutation.append('signalExternalWorkflowExecutionInitiated', {
    workflowTaskCompletedEventId: int64(context.completedEventId),
    namespace: namespace.name,
    namespaceId: namespace.id,
    workflowExecution: { workflowId: target.workflowId, runId: target.runId },
    signalName: target.signalName,
    input: command.input ?? null,
    control: command.control ?? '',
    childWorkflowOnly,
    header: command.header ?? null,
  });
  const initiatedEventId = int64ToNumber(initiated.eventId);
  state.pendingSignals = {
    ...state.pendingSignals,
    [initiatedEventId]: pendingExternal(context, namespace, initiatedEventId, target, command.control),
  };
  mutation.transfers.push({
    kind: 'signal-external',
    namespaceId: namespace.id,
    namespace: namespace.name,
    target: { workflowId: target.workflowId, ...(target.runId ? { runId: target.runId } : {}) },
    initiatedEventId,
    sender: { workflowId: state.workflowId, runId: state.runId },
    signalName: target.signalName,
    input: encodedPayloads.encode(command.input),
    header: encodedHeader.encode(command.header),
    childWorkflowOnly,
  });
  return undefined;
}

/**
 * RequestCancelExternalWorkflowExecution (also how SDKs cancel a child, with childWorkflowOnly):
 * RequestCancelExternalWorkflowExecutionInitiated, a pending cancel, and a transfer task that asks
 * the target; the outcome comes back as ExternalWorkflowExecutionCancelRequested or
 * RequestCancelExternalWorkflowExecutionFailed.
 */
export function requestCancelExternalWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.IRequestCancelExternalWorkflowExecutionCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const state = mutation.state;
  const namespace = commandNamespace(context);
  const checked = checkCancelExternalCommand(command, { namespace: namespace.name });
  if (!checked.ok) return checked;
  const tooMany = pendingLimitRejection('cancels', Object.keys(state.pendingCancels ?? {}).length);
  if (tooMany) return tooMany;
  const target = checked.attributes;
  const childWorkflowOnly = command.childWorkflowOnly ?? false;
  const initiated = mutation.append('requestCancelExternalWorkflowExecutionInitiated', {
    workflowTaskCompletedEventId: int64(context.completedEventId),
    namespace: namespace.name,
    namespaceId: namespace.id,
    workflowExecution: { workflowId: target.workflowId, runId: target.runId },
    control: command.control ?? '',
    childWorkflowOnly,
    reason: command.reason ?? '',
  });
  const initiatedEventId = int64ToNumber(initiated.eventId);
  state.pendingCancels = {
    ...state.pendingCancels,
    [initiatedEventId]: pendingExternal(context, namespace, initiatedEventId, target, command.control),
  };
  mutation.transfers.push({
    kind: 'cancel-external',
    namespaceId: namespace.id,
    namespace: namespace.name,
    target: { workflowId: target.workflowId, ...(target.runId ? { runId: target.runId } : {}) },
    initiatedEventId,
    sender: { workflowId: state.workflowId, runId: state.runId },
    reason: command.reason ?? '',
    childWorkflowOnly,
  });
  return undefined;
}

function pendingExternal(
  context: CommandContext,
  namespace: { id: string; name: string },
  initiatedEventId: number,
  target: { workflowId: string; runId: string },
  control: string | null | undefined,
) {
  return {
    initiatedEventId,
    workflowTaskCompletedEventId: context.completedEventId,
    namespaceId: namespace.id,
    namespace: namespace.name,
    workflowId: target.workflowId,
    ...(target.runId ? { runId: target.runId } : {}),
    ...(control ? { control } : {}),
  };
}
