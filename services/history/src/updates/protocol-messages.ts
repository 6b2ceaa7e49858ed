import { int64, int64ToNumber, temporal } from '@kairos/proto';
import type { CommandContext, CommandResult } from '../commands/command-context.ts';
import type { WorkflowTaskInfo } from '../state/mutable-state.ts';
import {
  decodeUpdateRequest,
  findUpdate,
  rejectUpdate,
  sentIn,
  updatesOf,
  updateTypeUrl,
} from './update-records.ts';

type IMessage = temporal.api.protocol.v1.IMessage;
const { Acceptance, Rejection, Response } = temporal.api.update.v1;
const { WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;

/**
 * The protocol messages a worker sent with RespondWorkflowTaskCompleted. PROTOCOL_MESSAGE commands
 * place Acceptance and Response messages among the command events (WorkflowExecutionUpdateAccepted /
 * Completed); every message no command named (rejections, as the SDKs send them) is applied after
 * the commands, in the order it arrived.
 */
export class ProtocolMessages {
  private readonly applied = new Set<string>();

  constructor(private readonly messages: readonly IMessage[]) {}

  find(messageId: string): IMessage | undefined {
    return this.messages.find((message) => message.id === messageId);
  }

  markApplied(messageId: string): void {
    this.applied.add(messageId);
  }

  unapplied(): IMessage[] {
    return this.messages.filter((message) => !this.applied.has(message.id ?? ''));
  }
}

/** COMMAND_TYPE_PROTOCOL_MESSAGE: applies the message it names, here in the command order. */
export function applyProtocolMessageCommand(
  context: CommandContext,
  attributes: temporal.api.command.v1.IProtocolMessageCommandAttributes,
): CommandResult {
  const messageId = attributes.messageId ?? '';
  const message = context.protocolMessages?.find(messageId);
  if (!message)
    return badMessage(
      `ProtocolMessageCommand names message ${JSON.stringify(messageId)}, which the request does not carry`,
    );
  context.protocolMessages?.markApplied(messageId);
  return applyMessage(context, message);
}

/**
 * After the commands: applies the messages no command named, then rejects updates the task carried
 * but the worker did not answer (as Temporal does, so an update cannot loop through tasks forever).
 */
export function applyRemainingMessages(context: CommandContext, task: WorkflowTaskInfo): CommandResult {
  for (const message of context.protocolMessages?.unapplied() ?? []) {
    context.protocolMessages?.markApplied(message.id ?? '');
    const rejection = applyMessage(context, message);
    if (rejection) return rejection;
  }
  const state = context.mutation.state;
  for (const [updateId, info] of Object.entries(state.updates ?? {})) {
    if (info.stage === 'admitted' && sentIn(info, task)) {
      rejectUpdate(context.mutation, updateId, {
        message: 'Workflow Update was rejected because the worker did not process it.',
        source: 'Server',
        applicationFailureInfo: { type: 'WorkflowUpdateNotProcessed', nonRetryable: true },
      });
    }
  }
  return undefined;
}

function applyMessage(context: CommandContext, message: IMessage): CommandResult {
  const updateId = message.protocolInstanceId ?? '';
  const body = message.body;
  const value = body?.value ?? new Uint8Array();
  const info = findUpdate(context.mutation.state, updateId);
  switch (body?.type_url) {
    case updateTypeUrl('Acceptance'):
      return acceptUpdate(context, updateId, Acceptance.decode(value));
    case updateTypeUrl('Rejection'): {
      if (info?.stage !== 'admitted') return unknownUpdate(updateId, 'rejected');
      const rejection = Rejection.decode(value);
      rejectUpdate(
        context.mutation,
        updateId,
        rejection.failure ?? { message: 'Workflow Update was rejected' },
      );
      return undefined;
    }
    case updateTypeUrl('Response'):
      return completeUpdate(context, updateId, Response.decode(value));
    default:
      return badMessage(
        `message ${JSON.stringify(message.id)} has an unknown body ${JSON.stringify(body?.type_url)}`,
      );
  }
}

function acceptUpdate(
  context: CommandContext,
  updateId: string,
  acceptance: temporal.api.update.v1.Acceptance,
): CommandResult {
  const info = findUpdate(context.mutation.state, updateId);
  if (info?.stage !== 'admitted') return unknownUpdate(updateId, 'accepted');
  const event = context.mutation.append('workflowExecutionUpdateAccepted', {
    protocolInstanceId: updateId,
    acceptedRequestMessageId: acceptance.acceptedRequestMessageId || `${updateId}/request`,
    acceptedRequestSequencingEventId: int64(int64ToNumber(acceptance.acceptedRequestSequencingEventId)),
    acceptedRequest: decodeUpdateRequest(info) ?? acceptance.acceptedRequest ?? null,
  });
  updatesOf(context.mutation.state)[updateId] = {
    stage: 'accepted',
    admittedTimeMs: info.admittedTimeMs,
    acceptedEventId: int64ToNumber(event.eventId),
  };
  return undefined;
}

function completeUpdate(
  context: CommandContext,
  updateId: string,
  response: temporal.api.update.v1.Response,
): CommandResult {
  const info = findUpdate(context.mutation.state, updateId);
  if (info?.stage !== 'accepted' || info.acceptedEventId === undefined)
    return unknownUpdate(updateId, 'completed');
  const event = context.mutation.append('workflowExecutionUpdateCompleted', {
    meta: response.meta ?? { updateId },
    acceptedEventId: int64(info.acceptedEventId),
    outcome: response.outcome ?? null,
  });
  info.stage = 'completed';
  info.completedEventId = int64ToNumber(event.eventId);
  return undefined;
}

function unknownUpdate(updateId: string, verb: string): CommandResult {
  return badMessage(
    `update ${JSON.stringify(updateId)} cannot be ${verb}: it is not in a state that allows it`,
  );
}

function badMessage(message: string): CommandResult {
  return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_UPDATE_WORKFLOW_EXECUTION_MESSAGE, message };
}
