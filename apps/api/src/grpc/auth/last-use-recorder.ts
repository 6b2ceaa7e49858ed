import type { Logger } from '@kairos/telemetry';
import type { ApiKeyStore } from './api-key-store.ts';

const DEFAULT_INTERVAL_MS = 60_000;
const MAX_TRACKED = 100_000;

/**
 * Writes an API key's lastUsedAt at most once per `intervalMs` per key (and per api process), fire
 * and forget: a call never waits for it, and a failed write is logged, not the caller's problem.
 */
export class LastUseRecorder {
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly store: Pick<ApiKeyStore, 'recordUse'>,
    private readonly logger: Logger,
    private readonly options: { intervalMs?: number; now?: () => number } = {},
  ) {}

  record(keyId: string): void {
    const now = (this.options.now ?? Date.now)();
    const last = this.lastWritten.get(keyId);
    if (last !== undefined && now - last < (this.options.intervalMs ?? DEFAULT_INTERVAL_MS)) return;
    if (this.lastWritten.size >= MAX_TRACKED) this.lastWritten.clear();
    this.lastWritten.set(keyId, now);
    this.store.recordUse(keyId, new Date(now)).catch((error: unknown) => {
      this.logger.warn({ err: error, keyId }, 'could not record the last use of an API key');
    });
  }
}
