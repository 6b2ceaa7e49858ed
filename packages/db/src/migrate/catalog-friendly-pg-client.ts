import pg from 'pg';

/**
 * Postgres catalog types that @prisma/adapter-pg 7.10 cannot map to a Prisma column type. The schema
 * engine's introspection selects some of them raw (e.g. `pg_constraint.contype`, type "char"), and
 * the adapter then fails every describe with "Column type 'char' could not be deserialized". The
 * native engine reads them as text, and their text form is all the engine uses, so we relabel them.
 * "char" is special: the engine reads it back as a Rust `char`, so the adapter wrapper turns those
 * columns into Prisma's `Character` column type (see `charColumnsOf`).
 */
export const CATALOG_TYPES_READ_AS_TEXT: ReadonlyMap<number, string> = new Map([
  [18, '"char"'],
  [22, 'int2vector'],
  [24, 'regproc'],
  [30, 'oidvector'],
  [194, 'pg_node_tree'],
  [2205, 'regclass'],
  [2206, 'regtype'],
]);
const TEXT_OID = 25;

const CHAR_OID = 18;

interface ResultWithFields {
  fields: { dataTypeID: number }[];
  rows: unknown[];
}

/** Which columns of a result were "char", keyed by the result's rows array (the adapter passes it on). */
const charColumns = new WeakMap<object, number[]>();

/** Indexes of the columns that were "char" in the pg result whose rows array this is. */
export function charColumnsOf(rows: object): readonly number[] {
  return charColumns.get(rows) ?? [];
}

/**
 * Marks catalog-typed columns of a result as text. pg has already parsed their values as strings (it
 * has no parser for these types), so only the label changes.
 */
export function readCatalogTypesAsText<T>(result: T): T {
  const { fields, rows } = (result ?? {}) as Partial<ResultWithFields>;
  if (!Array.isArray(fields)) return result;
  const chars: number[] = [];
  fields.forEach((field, index) => {
    if (!CATALOG_TYPES_READ_AS_TEXT.has(field.dataTypeID)) return;
    if (field.dataTypeID === CHAR_OID) chars.push(index);
    field.dataTypeID = TEXT_OID;
  });
  if (chars.length > 0 && Array.isArray(rows)) charColumns.set(rows, chars);
  return result;
}

type QueryCallback = (error: unknown, result: unknown) => void;
const baseQuery = pg.Client.prototype.query as unknown as (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * A pg client for the migration adapter's pool (`Client` pool option) whose results pass through
 * `readCatalogTypesAsText`, in each calling style pg supports: promise, trailing callback,
 * `config.callback`. Submittables (cursors, streams) are passed through untouched.
 * Only the schema engine uses it; the application's Prisma client keeps the stock adapter.
 */
export class CatalogFriendlyClient extends pg.Client {}

Object.defineProperty(CatalogFriendlyClient.prototype, 'query', {
  configurable: true,
  writable: true,
  value: function query(this: pg.Client, ...args: unknown[]): unknown {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = relabelling(last as QueryCallback);
      return baseQuery.apply(this, args);
    }
    const config = args[0];
    if (config !== null && typeof config === 'object') {
      if (typeof (config as { submit?: unknown }).submit === 'function') return baseQuery.apply(this, args);
      const callback = (config as { callback?: unknown }).callback;
      if (typeof callback === 'function') {
        args[0] = { ...config, callback: relabelling(callback as QueryCallback) };
        return baseQuery.apply(this, args);
      }
    }
    const returned = baseQuery.apply(this, args);
    return returned instanceof Promise ? returned.then(readCatalogTypesAsText) : returned;
  },
});

function relabelling(callback: QueryCallback): QueryCallback {
  return (error, result) => callback(error, error ? result : readCatalogTypesAsText(result));
}
