import { AlreadyExists, InvalidArgument, NotFound } from '@kairos/errors';
import type pg from 'pg';
import {
  PREDEFINED_SEARCH_ATTRIBUTES,
  SEARCH_ATTRIBUTE_TYPES,
  SYSTEM_SEARCH_ATTRIBUTES,
  type CustomSearchAttributes,
  type SearchAttributeType,
} from '../query/index.ts';
import { RESERVED_NAMES } from '../query/search-attributes.ts';
import type { CustomAttributeSource } from './visibility-store.ts';

// Each namespace's custom search attributes (OperatorService Add/Remove/ListSearchAttributes will
// call this), in the `search_attributes` table. Limits are Temporal Cloud's published ones.

/** How many custom attributes of each type one namespace may register. */
export const CUSTOM_SEARCH_ATTRIBUTE_LIMITS: Readonly<Record<SearchAttributeType, number>> = {
  Bool: 20,
  Datetime: 20,
  Double: 20,
  Int: 20,
  Keyword: 40,
  KeywordList: 5,
  Text: 5,
};

export const MAX_SEARCH_ATTRIBUTE_NAME_LENGTH = 64;

/** Letters, digits, `_`, `-`: names become OpenSearch field paths, where `.` would nest. */
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED_PREFIX = 'Temporal';
const FIELD = 'search_attributes';

export class SearchAttributeRegistry implements CustomAttributeSource {
  constructor(private readonly pool: pg.Pool) {}

  async list(namespaceId: string): Promise<CustomSearchAttributes> {
    const result = await this.pool.query<{ name: string; type: SearchAttributeType }>(
      'SELECT name, type FROM search_attributes WHERE namespace_id = $1 ORDER BY name',
      [namespaceId],
    );
    return Object.fromEntries(result.rows.map((row) => [row.name, row.type]));
  }

  /** Registers attributes; one already registered with the same type is left as is (retries). */
  async add(namespaceId: string, attributes: Readonly<Record<string, SearchAttributeType>>): Promise<void> {
    for (const [name, type] of Object.entries(attributes)) validateNew(name, type);
    await this.inNamespaceTransaction(namespaceId, async (client) => {
      const existing = await client.query<{ name: string; type: SearchAttributeType }>(
        'SELECT name, type FROM search_attributes WHERE namespace_id = $1',
        [namespaceId],
      );
      const registered = new Map(existing.rows.map((row) => [row.name, row.type]));
      const added = Object.entries(attributes).filter(([name, type]) => {
        const held = registered.get(name);
        if (held !== undefined && held !== type) {
          throw new AlreadyExists(`search attribute '${name}' already exists with type ${held}`);
        }
        return held === undefined;
      });
      for (const [name, type] of added) {
        const inUse = [...registered.values()].filter((held) => held === type).length;
        const limit = CUSTOM_SEARCH_ATTRIBUTE_LIMITS[type];
        if (inUse >= limit) {
          throw InvalidArgument.forField(
            FIELD,
            `cannot add '${name}': a namespace can have at most ${limit} custom ${type} search attributes`,
          );
        }
        registered.set(name, type);
      }
      for (const [name, type] of added) {
        await client.query('INSERT INTO search_attributes (namespace_id, name, type) VALUES ($1, $2, $3)', [
          namespaceId,
          name,
          type,
        ]);
      }
    });
  }

  /** Unregisters attributes (all or none); stored values stay in records but can no longer be queried. */
  async remove(namespaceId: string, names: readonly string[]): Promise<void> {
    await this.inNamespaceTransaction(namespaceId, async (client) => {
      const result = await client.query<{ name: string }>(
        'DELETE FROM search_attributes WHERE namespace_id = $1 AND name = ANY($2::text[]) RETURNING name',
        [namespaceId, [...names]],
      );
      const removed = new Set(result.rows.map((row) => row.name));
      const missing = names.find((name) => !removed.has(name));
      if (missing !== undefined) {
        throw new NotFound(`search attribute '${missing}' is not registered in this namespace`);
      }
    });
  }

  /** Serialises changes per namespace, so two concurrent adds cannot together pass a limit. */
  private async inNamespaceTransaction(
    namespaceId: string,
    work: (client: pg.PoolClient) => Promise<void>,
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        "SELECT pg_advisory_xact_lock(hashtextextended('kairos.search_attributes:' || $1, 0))",
        [namespaceId],
      );
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}

function validateNew(name: string, type: SearchAttributeType): void {
  if (!(SEARCH_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
    throw InvalidArgument.forField(FIELD, `unknown type '${String(type)}' for '${name}'`);
  }
  if (name.length === 0) throw InvalidArgument.forField(FIELD, 'a search attribute name must not be empty');
  if (name.length > MAX_SEARCH_ATTRIBUTE_NAME_LENGTH) {
    throw InvalidArgument.forField(
      FIELD,
      `'${name}' is longer than ${MAX_SEARCH_ATTRIBUTE_NAME_LENGTH} characters`,
    );
  }
  if (!NAME_PATTERN.test(name)) {
    throw InvalidArgument.forField(
      FIELD,
      `'${name}' may contain only letters, digits, '_' and '-', and must not start with a digit or '-'`,
    );
  }
  if (
    Object.hasOwn(SYSTEM_SEARCH_ATTRIBUTES, name) ||
    Object.hasOwn(PREDEFINED_SEARCH_ATTRIBUTES, name) ||
    RESERVED_NAMES.has(name) ||
    name.startsWith(RESERVED_PREFIX)
  ) {
    throw InvalidArgument.forField(FIELD, `'${name}' is reserved for a system search attribute`);
  }
}
