import type { CustomAttributeSource, CustomSearchAttributes } from '@kairos/visibility';

/** How long a namespace's custom attributes are trusted before they are read again. */
const DEFAULT_TTL_MS = 10_000;

interface Entry {
  attributes: CustomSearchAttributes;
  readAtMs: number;
}

/**
 * A namespace's custom search attributes, read through a short cache: starts carrying search
 * attributes are frequent, registrations rare. A name the cached copy does not know is read again
 * before it is refused, so an attribute registered a moment ago (on any api process) is accepted.
 */
export class CachedSearchAttributes implements CustomAttributeSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly source: CustomAttributeSource,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  /** The cached attributes (read when missing or older than the TTL). */
  async list(namespaceId: string): Promise<CustomSearchAttributes> {
    const entry = this.entries.get(namespaceId);
    if (entry !== undefined && this.now() - entry.readAtMs < (this.options.ttlMs ?? DEFAULT_TTL_MS)) {
      return entry.attributes;
    }
    return this.refresh(namespaceId);
  }

  /** The attributes, read again unless the cached copy knows every one of `names`. */
  async covering(namespaceId: string, names: Iterable<string>): Promise<CustomSearchAttributes> {
    const cached = await this.list(namespaceId);
    for (const name of names) {
      if (!Object.hasOwn(cached, name)) return this.refresh(namespaceId);
    }
    return cached;
  }

  private async refresh(namespaceId: string): Promise<CustomSearchAttributes> {
    const attributes = await this.source.list(namespaceId);
    this.entries.set(namespaceId, { attributes, readAtMs: this.now() });
    return attributes;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
