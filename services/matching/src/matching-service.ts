import { topics, type Bus, type DeliveredMessage } from '@kairos/bus';
import { taskMessageSchema } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import { MatchingEngine, type MatchingEngineOptions } from './matching-engine.ts';

export interface MatchingServiceOptions extends MatchingEngineOptions {
  bus: Bus;
  /** Consumer group on `kairos.tasks`; every matching process of a cluster joins the same one. */
  groupId?: string;
}

export interface MatchingService {
  engine: MatchingEngine;
  /** Finishes the message in hand, leaves the consumer group, then closes the engine. */
  stop(): Promise<void>;
}

/** Starts matching: an engine fed by the `kairos.tasks` topic of the bus. */
export async function startMatchingService(options: MatchingServiceOptions): Promise<MatchingService> {
  const engine = new MatchingEngine(options);
  try {
    const subscription = await options.bus.subscribe({
      topic: topics.tasks,
      groupId: options.groupId ?? 'kairos-matching',
      handler: (message) => handleBusMessage(engine, options.logger, message),
    });
    return {
      engine,
      stop: async () => {
        await subscription.stop();
        await engine.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/**
 * Validates a bus message and dispatches it. A message that is not a task message is logged and
 * skipped (throwing would make the bus redeliver it forever and block its partition); a failure to
 * dispatch a valid one throws, so the bus delivers it again.
 */
export async function handleBusMessage(
  engine: Pick<MatchingEngine, 'handleTaskMessage'>,
  logger: Logger,
  message: DeliveredMessage,
): Promise<void> {
  let value: unknown;
  try {
    value = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    logger.error({ err: error, ...position(message) }, 'skipping a task message that is not JSON');
    return;
  }
  const parsed = taskMessageSchema.safeParse(value);
  if (!parsed.success) {
    logger.error({ issues: parsed.error.issues, ...position(message) }, 'skipping an invalid task message');
    return;
  }
  await engine.handleTaskMessage(parsed.data);
}

function position(message: DeliveredMessage) {
  return { topic: message.topic, partition: message.partition, offset: message.offset, key: message.key };
}
