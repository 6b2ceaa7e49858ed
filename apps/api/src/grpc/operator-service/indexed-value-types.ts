import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import type { CustomSearchAttributes, SearchAttributeType } from '@kairos/visibility';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
type IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const ENUM_BY_TYPE: Readonly<Record<SearchAttributeType, IndexedValueType>> = {
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

const TYPE_BY_ENUM: ReadonlyMap<number, SearchAttributeType> = new Map(
  Object.entries(ENUM_BY_TYPE).map(([type, value]) => [value, type as SearchAttributeType]),
);

/** The wire enum of a registry type. */
export function indexedValueTypeOf(type: SearchAttributeType): IndexedValueType {
  return ENUM_BY_TYPE[type];
}

/** name → type maps as ListSearchAttributes answers them. */
export function toIndexedValueTypes(attributes: CustomSearchAttributes): Record<string, IndexedValueType> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, type]) => [name, indexedValueTypeOf(type)]),
  );
}

/**
 * The registry type of a requested enum; UNSPECIFIED or a number this server does not know is refused
 * naming the attribute (Temporal answers INVALID_ARGUMENT too).
 */
export function searchAttributeTypeOf(field: string, name: string, value: number): SearchAttributeType {
  const type = TYPE_BY_ENUM.get(value);
  if (type === undefined) {
    throw InvalidArgument.forField(
      field,
      `search attribute '${name}' has no valid type (got ${IndexedValueType[value] ?? value})`,
    );
  }
  return type;
}
