import type { CommandRejection as RuleRejection } from '../rules/command-outcome.ts';
import type { SearchAttributeLookup } from '../rules/search-attribute-value.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { BufferedEvent } from '../state/mutable-state.ts';
import type { ProtocolMessages } from '../updates/protocol-messages.ts';

/** What applying one command needs besides the command itself. */
export interface CommandContext {
  mutation: ExecutionMutation;
  /** The WorkflowTaskCompleted event the command events point back to. */
  completedEventId: number;
  identity: string;
  /** Events that arrived while the task ran, held back until the commands are written. */
  bufferedEvents?: BufferedEvent[];
  /** The protocol messages (Workflow Updates) the worker sent with the commands. */
  protocolMessages?: ProtocolMessages;
  /** The namespace's search attributes; without it upserted names and value types go unchecked. */
  searchAttributeLookup?: SearchAttributeLookup;
  /** The run's namespace (children, signals and cancels of other workflows name it in their events). */
  namespace?: { id: string; name: string };
}

/**
 * A command the workflow task may not issue; the task fails with this cause and message (and the run
 * is terminated when `terminatesWorkflow`, e.g. an oversize payload that no retry can fix).
 */
export type CommandRejection = Pick<RuleRejection, 'cause' | 'message'> & { terminatesWorkflow?: boolean };

export type CommandResult = CommandRejection | undefined;
