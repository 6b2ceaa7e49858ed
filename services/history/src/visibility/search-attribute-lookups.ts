import { temporal } from '@kairos/proto';
import {
  resolveSearchAttribute,
  type CustomSearchAttributes,
  type SearchAttributeType,
} from '@kairos/visibility/query';
import type pg from 'pg';
import type { SearchAttributeLookup } from '../rules/search-attribute-value.ts';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const INDEXED_VALUE_TYPE: Readonly<Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType>> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * A namespace's search attributes as the command rules see them: the system ones (which users may
 * not set), the predefined ones and the namespace's registered custom ones with their types, resolved
 * the way list filters resolve names.
 */
export function searchAttributeLookupOf(custom: CustomSearchAttributes): SearchAttributeLookup {
  return (name) => {
    const attribute = resolveSearchAttribute(name, custom);
    if (attribute === undefined) return undefined;
    return attribute.kind === 'system' ? 'system' : INDEXED_VALUE_TYPE[attribute.type];
  };
}

export interface SearchAttributeLookupsOptions {
  /** How long a namespace's registry is reused; a registration is seen by commands after at most this. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Each namespace's search attribute registry (table `search_attributes`), read at most once per
 * `ttlMs` per namespace, so a workflow task's upsert commands cost no query each.
 */
export class SearchAttributeLookups {
  private readonly cache = new Map<string, { readAtMs: number; lookup: Promise<SearchAttributeLookup> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    options: SearchAttributeLookupsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  lookupFor(namespaceId: string): Promise<SearchAttributeLookup> {
    const now = this.now();
    const cached = this.cache.get(namespaceId);
    if (cached && now - cached.readAtMs < this.ttlMs) return cached.lookup;
    const lookup = this.read(namespaceId);
    this.cache.set(namespaceId, { readAtMs: now, lookup });
    // A failed read is not remembered: the next command asks again.
    lookup.catch(() => {
      if (this.cache.get(namespaceId)?.lookup === lookup) this.cache.delete(namespaceId);
    });
    return lookup;
  }

  private async read(namespaceId: string): Promise<SearchAttributeLookup> {
    const { rows } = await this.pool.query<{ name: string; type: SearchAttributeType }>(
      'SELECT name, type FROM search_attributes WHERE namespace_id = $1',
      [namespaceId],
    );
    return searchAttributeLookupOf(Object.fromEntries(rows.map((row) => [row.name, row.type])));
  }
}
