import type { PrismaClient } from '@kairos/db';

/** What authentication needs of a stored API key (never the key itself: only its hash). */
export interface ApiKeyRecord {
  id: string;
  accountId: string;
  prefix: string;
  secretHash: string;
  role: 'owner' | 'admin' | 'developer' | 'read_only';
  allNamespaces: boolean;
  namespaceIds: string[];
  expiresAt: Date;
  revokedAt: Date | null;
}

/** API key persistence as the gRPC edge uses it: find by prefix, note a use. */
export interface ApiKeyStore {
  findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined>;
  /** Sets lastUsedAt; a key deleted meanwhile is not an error. */
  recordUse(keyId: string, at: Date): Promise<void>;
}

export class PrismaApiKeyStore implements ApiKeyStore {
  constructor(private readonly prisma: PrismaClient) {}

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.prisma.apiKey.findUnique({
      where: { prefix },
      select: {
        id: true,
        accountId: true,
        prefix: true,
        secretHash: true,
        role: true,
        allNamespaces: true,
        namespaceIds: true,
        expiresAt: true,
        revokedAt: true,
      },
    });
    return row ?? undefined;
  }

  async recordUse(keyId: string, at: Date): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { id: keyId }, data: { lastUsedAt: at } });
  }
}

/** How long a key row (or its absence) is reused: revocation reaches every api process within this. */
export const apiKeyCacheTtlMs = 500;
/** Past this many cached prefixes the cache starts afresh (callers choose prefixes at will). */
const MAX_CACHED = 10_000;

/**
 * The store with a short read-through cache by prefix: an SDK sends its key on every call, and a
 * database read per call would cost more than the call. Rows are reused for at most `ttlMs`, so a
 * revocation applies within that time (expiry is checked on every call from the cached row). Concurrent
 * misses for one prefix share one read.
 */
export class CachedApiKeyStore implements ApiKeyStore {
  private readonly cache = new Map<string, { row: Promise<ApiKeyRecord | undefined>; until: number }>();

  constructor(
    private readonly store: ApiKeyStore,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    const now = (this.options.now ?? performance.now.bind(performance))();
    const cached = this.cache.get(prefix);
    if (cached && cached.until > now) return cached.row;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    const row = this.store.findByPrefix(prefix);
    this.cache.set(prefix, { row, until: now + (this.options.ttlMs ?? apiKeyCacheTtlMs) });
    row.catch(() => this.cache.delete(prefix));
    return row;
  }

  recordUse(keyId: string, at: Date): Promise<void> {
    return this.store.recordUse(keyId, at);
  }
}
