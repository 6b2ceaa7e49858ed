import type { Bus } from './bus.ts';
import { KafkaBus, type BusLogger } from './kafka-bus.ts';
import { MemoryBus } from './memory-bus.ts';

export interface BusSettings {
  /** KAIROS_BUS: `kafka` in a cluster; `memory` only makes sense inside one process. */
  kind: 'kafka' | 'memory';
  brokers: string[];
  /** Client id prefix (KAFKA_CLIENT_ID); `role` is appended so broker logs name the process. */
  clientId: string;
  role: string;
  /** KAFKA_NAME_PREFIX: isolates clusters sharing one broker. */
  namePrefix?: string;
  logger: BusLogger;
}

/** The bus a process entry asks for in its configuration. */
export function createBus(settings: BusSettings): Bus {
  if (settings.kind === 'memory') return new MemoryBus();
  return new KafkaBus({
    brokers: settings.brokers,
    clientId: `${settings.clientId}-${settings.role}`,
    namePrefix: settings.namePrefix,
    logger: settings.logger,
  });
}
