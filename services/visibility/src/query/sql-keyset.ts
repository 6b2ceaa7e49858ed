import type { TypedValue } from './checked-tree.ts';
import { SqlParameters } from './sql-parameters.ts';
import type { SqlFragment, SqlOrderKey } from './to-sql.ts';

/**
 * "Rows after the cursor" for keyset paging over `orderKeys` (from toSqlQuery), given the last row's
 * values of those keys (null where the row had none). Handles mixed directions and NULL placement:
 * a row comes after the cursor when it ties on the first i-1 keys and is past it on key i.
 *
 * Key expressions may reference the query's own parameters, so pass `firstParameter` = the number
 * of parameters already used + 1 and append these values after them.
 */
export function toSqlKeysetCondition(
  orderKeys: SqlOrderKey[],
  cursor: (TypedValue | null)[],
  firstParameter: number,
): SqlFragment {
  if (cursor.length !== orderKeys.length) {
    throw new Error(`keyset cursor has ${cursor.length} values for ${orderKeys.length} sort keys`);
  }
  const params = new SqlParameters(firstParameter);
  const disjuncts: string[] = [];
  orderKeys.forEach((key, index) => {
    const value = cursor[index] ?? null;
    // Nothing sorts after a NULL that sorts last.
    if (value === null && !key.nullsFirst) return;
    const ties = orderKeys.slice(0, index).map((earlier, j) => tie(earlier, cursor[j] ?? null, params));
    disjuncts.push([...ties, pastCursor(key, value, params)].join(' AND '));
  });
  const text = disjuncts.length === 0 ? 'FALSE' : disjuncts.map((part) => `(${part})`).join(' OR ');
  return { text, values: params.values };
}

function tie(key: SqlOrderKey, value: TypedValue | null, params: SqlParameters): string {
  return value === null ? `${key.expression} IS NULL` : `${key.expression} = ${params.add(value, key.cast)}`;
}

/** Strictly after the cursor value on this key. */
function pastCursor(key: SqlOrderKey, value: TypedValue | null, params: SqlParameters): string {
  if (value === null) return `${key.expression} IS NOT NULL`;
  const comparison = `${key.expression} ${key.direction === 'ASC' ? '>' : '<'} ${params.add(value, key.cast)}`;
  return key.nullsFirst ? comparison : `(${comparison} OR ${key.expression} IS NULL)`;
}
