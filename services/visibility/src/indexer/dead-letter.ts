import { topics, type Bus, type DeliveredMessage, type OutgoingMessage } from '@kairos/bus';
import type { DeadLetterReason } from './indexer-metrics.ts';

// A change the indexer can never index goes to `kairos.visibility.dead-letter` unchanged (same key
// and value, so it can be replayed onto kairos.visibility once fixed), with headers saying why and
// where it came from. It is published before the batch is committed: at least once, like the rest.

export const DEAD_LETTER_HEADERS = {
  reason: 'kairos-dead-letter-reason',
  error: 'kairos-dead-letter-error',
  sourceTopic: 'kairos-dead-letter-source-topic',
  sourcePartition: 'kairos-dead-letter-source-partition',
  sourceOffset: 'kairos-dead-letter-source-offset',
  at: 'kairos-dead-letter-at',
} as const;

/** Headers are for humans and tools; a huge error message would not help either. */
const MAX_ERROR_LENGTH = 2_000;

export interface DeadLetter {
  message: DeliveredMessage;
  reason: DeadLetterReason;
  error: string;
  /** What is known of the run, for the log line. */
  run: { namespaceId?: string; workflowId?: string; runId?: string };
}

export async function publishDeadLetters(bus: Bus, letters: readonly DeadLetter[], now: Date): Promise<void> {
  if (letters.length === 0) return;
  const messages: OutgoingMessage[] = letters.map(({ message, reason, error }) => ({
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.reason]: reason,
      [DEAD_LETTER_HEADERS.error]: error.slice(0, MAX_ERROR_LENGTH),
      [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
      [DEAD_LETTER_HEADERS.at]: now.toISOString(),
    },
  }));
  await bus.publish(topics.visibilityDeadLetter, messages);
}

/** The run a message is about, as far as a message that failed to decode still tells. */
export function runOfUndecodable(message: DeliveredMessage): DeadLetter['run'] {
  const run: DeadLetter['run'] = {};
  try {
    const fields = JSON.parse(message.value.toString('utf8')) as Record<string, unknown>;
    for (const name of ['namespaceId', 'workflowId', 'runId'] as const) {
      if (typeof fields[name] === 'string') run[name] = fields[name];
    }
  } catch {
    // Not JSON: the key (`<namespaceId>/<workflowId>`) is all there is.
  }
  const slash = message.key.indexOf('/');
  if (slash > 0) {
    run.namespaceId ??= message.key.slice(0, slash);
    run.workflowId ??= message.key.slice(slash + 1);
  }
  return run;
}
