import type pg from 'pg';
import {
  toSqlKeysetCondition,
  toSqlQuery,
  toSqlWhere,
  VISIBILITY_RECORDS_LAYOUT,
  type TypedValue,
} from '../query/index.ts';
import { compileFilter, customAttributesFor, effectivePageSize } from './compile-request.ts';
import { decodePageToken, encodePageToken, malformedPageToken, queryFingerprint } from './page-token.ts';
import { fromRow, READ_COLUMNS, toRowValues, WRITE_COLUMNS, type RecordRow } from './postgres-record-row.ts';
import { prepareRecords } from './prepare-records.ts';
import type {
  CountRequest,
  CountResult,
  CustomAttributeSource,
  ListRequest,
  ListResult,
  VisibilityRecord,
  VisibilityStore,
} from './visibility-store.ts';

// The SQL visibility store (embedded mode): one `visibility_records` table in the engine's Postgres,
// queried with the translations of src/query/to-sql.ts. The table must use the C collation (as the
// embedded and infra servers do) for Keyword order to match OpenSearch's byte order.

export interface PostgresVisibilityStoreOptions {
  /** The caller's pool; close() leaves it open. */
  pool: pg.Pool;
  /** Where list/count read custom attributes when a request does not carry them. */
  customAttributes?: CustomAttributeSource;
}

/** Rows per INSERT: 21 parameters each stays well under Postgres's 65 535. */
const UPSERT_CHUNK = 1000;

const UPDATED_COLUMNS = WRITE_COLUMNS.filter((column) => column !== 'namespace_id' && column !== 'run_id');

export class PostgresVisibilityStore implements VisibilityStore {
  private readonly pool: pg.Pool;
  private readonly attributeSource: CustomAttributeSource | undefined;

  constructor(options: PostgresVisibilityStoreOptions) {
    this.pool = options.pool;
    this.attributeSource = options.customAttributes;
  }

  async upsert(records: readonly VisibilityRecord[]): Promise<void> {
    const prepared = prepareRecords(records);
    for (let start = 0; start < prepared.length; start += UPSERT_CHUNK) {
      const chunk = prepared.slice(start, start + UPSERT_CHUNK);
      const values: unknown[] = [];
      const rows = chunk.map((record) => {
        const first = values.length;
        values.push(...toRowValues(record));
        return `(${WRITE_COLUMNS.map((_, index) => `$${first + index + 1}`).join(', ')})`;
      });
      // The WHERE makes a stale or repeated delivery a no-op: only a newer version replaces a row.
      await this.pool.query(
        `INSERT INTO visibility_records (${WRITE_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
         ON CONFLICT (namespace_id, run_id) DO UPDATE SET
           ${UPDATED_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
         WHERE visibility_records.version < EXCLUDED.version`,
        values,
      );
    }
  }

  async deleteRun(namespaceId: string, workflowId: string, runId: string): Promise<void> {
    await this.pool.query(
      'DELETE FROM visibility_records WHERE namespace_id = $1 AND run_id = $2 AND workflow_id = $3',
      [namespaceId, runId, workflowId],
    );
  }

  async list(request: ListRequest): Promise<ListResult> {
    const pageSize = effectivePageSize(request);
    const custom = await customAttributesFor(
      request.namespaceId,
      request.customAttributes,
      this.attributeSource,
    );
    const query = compileFilter(request.query, custom, 'list');
    const sql = toSqlQuery(query, VISIBILITY_RECORDS_LAYOUT, 2);
    const fingerprint = queryFingerprint(request.namespaceId, request.query);
    const cursor = decodePageToken(request.pageToken, fingerprint, sql.orderKeys.length);
    const values: unknown[] = [request.namespaceId, ...sql.values];
    let after = '';
    if (cursor !== undefined) {
      const condition = toSqlKeysetCondition(sql.orderKeys, cursor.map(asSqlCursor), values.length + 1);
      after = ` AND (${condition.text})`;
      values.push(...condition.values);
    }
    // Cursor values are read as text: a JS Date would drop timestamptz microseconds.
    const keys = sql.orderKeys.map((key, index) => `(${key.expression})::text AS sort_key_${index}`);
    const result = await this.pool
      .query<RecordRow & Record<string, string | null>>(
        `SELECT ${READ_COLUMNS}, ${keys.join(', ')} FROM visibility_records
       WHERE namespace_id = $1 AND (${sql.where})${after}
       ORDER BY ${sql.orderBy} LIMIT ${pageSize + 1}`,
        values,
      )
      .catch((error: unknown) => {
        // Only a cursor can carry values of the wrong type into this query (the filter's are checked).
        if (cursor !== undefined && isBadValueError(error)) throw malformedPageToken(error);
        throw error;
      });
    const rows = result.rows.slice(0, pageSize);
    const last = rows.at(-1);
    const more = result.rows.length > pageSize && last !== undefined;
    return {
      records: rows.map(fromRow),
      nextPageToken: more
        ? encodePageToken(
            fingerprint,
            sql.orderKeys.map((_, index) => last[`sort_key_${index}`] ?? null),
          )
        : new Uint8Array(),
    };
  }

  scan(request: ListRequest): Promise<ListResult> {
    return this.list(request);
  }

  async count(request: CountRequest): Promise<CountResult> {
    const custom = await customAttributesFor(
      request.namespaceId,
      request.customAttributes,
      this.attributeSource,
    );
    const query = compileFilter(request.query, custom, 'count');
    const where = toSqlWhere(query, VISIBILITY_RECORDS_LAYOUT, 2);
    const values = [request.namespaceId, ...where.values];
    const filter = `FROM visibility_records WHERE namespace_id = $1 AND (${where.text})`;
    const groupBy = query.groupBy[0];
    if (groupBy === undefined) {
      const result = await this.pool.query<{ count: string }>(`SELECT count(*) AS count ${filter}`, values);
      return { count: Number(result.rows[0]?.count ?? 0), groups: [] };
    }
    const column = VISIBILITY_RECORDS_LAYOUT.systemColumns[groupBy.name]?.column;
    if (column === undefined) throw new Error(`cannot group by ${groupBy.name}`);
    const result = await this.pool.query<{ value: string; count: string }>(
      `SELECT ${column} AS value, count(*) AS count ${filter} GROUP BY ${column}
       ORDER BY count(*) DESC, ${column}`,
      values,
    );
    const groups = result.rows.map((row) => ({ values: [row.value], count: Number(row.count) }));
    return { count: groups.reduce((sum, group) => sum + group.count, 0), groups };
  }

  async close(): Promise<void> {
    // The pool belongs to the caller.
  }
}

/** invalid_datetime_format, invalid_text_representation, numeric_value_out_of_range, datetime_field_overflow. */
const BAD_VALUE_CODES = new Set(['22007', '22P02', '22003', '22008']);

function isBadValueError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    BAD_VALUE_CODES.has((error as { code?: string }).code ?? '')
  );
}

/** Postgres tokens carry the text of each sort key; anything else is not one of ours. */
function asSqlCursor(value: unknown): TypedValue | null {
  if (value === null || typeof value === 'string') return value;
  return String(value);
}
