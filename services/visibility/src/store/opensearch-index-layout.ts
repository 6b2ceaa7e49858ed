import {
  PREDEFINED_SEARCH_ATTRIBUTES,
  SYSTEM_SEARCH_ATTRIBUTES,
  type CustomSearchAttributes,
  type OpenSearchFieldMap,
  type SearchAttributeType,
} from '../query/index.ts';

// The OpenSearch index every namespace shares (the README explains the choice and its limits):
// documents routed by namespace id, system and predefined attributes as top-level fields under
// their Temporal names, custom attributes under `Custom.<Type>.<Name>`. The type in the path is
// what lets one index hold every namespace's attributes: namespace A's Keyword `Region` and
// namespace B's Int `Region` are different fields, and a dynamic template per type maps each new
// name the first time a document carries it, so the mapping needs no per-namespace changes.

export const DEFAULT_VISIBILITY_INDEX = 'kairos-visibility-v1';

/** Where custom attributes live in a document. */
export const CUSTOM_FIELD = 'Custom';

/** Internal fields, not search attributes (filters cannot name them). */
export const NAMESPACE_ID_FIELD = 'NamespaceId';
export const MEMO_FIELD = 'Memo';
export const VERSION_FIELD = 'VisibilityVersion';

/**
 * Fields in one index: system + predefined + internal ≈ 40, each distinct custom (type, name) pair
 * across all namespaces adds one. Raising the limit is cheap up to a few thousand fields; past
 * that the cluster state grows and per-namespace slots (Temporal Cloud's aliasing) would be next.
 */
export const TOTAL_FIELDS_LIMIT = 5000;

const FIELD_TYPES: Readonly<Record<SearchAttributeType, string>> = {
  Keyword: 'keyword',
  Text: 'text',
  Int: 'long',
  Double: 'double',
  Bool: 'boolean',
  // Temporal's datetimes carry nanoseconds; date_nanos covers 1970–2262.
  Datetime: 'date_nanos',
  KeywordList: 'keyword',
};

export function customField(name: string, type: SearchAttributeType): string {
  return `${CUSTOM_FIELD}.${type}.${name}`;
}

/** Attribute name → document field, for toOpenSearchQuery (system and predefined use their own names). */
export function fieldMapFor(custom: CustomSearchAttributes): OpenSearchFieldMap {
  return Object.fromEntries(Object.entries(custom).map(([name, type]) => [name, customField(name, type)]));
}

/** Field → OpenSearch type of every attribute a filter of this namespace can name. */
export function fieldTypesFor(custom: CustomSearchAttributes): Readonly<Record<string, string>> {
  const typed = (
    attributes: CustomSearchAttributes,
    field: (name: string, type: SearchAttributeType) => string,
  ) => Object.entries(attributes).map(([name, type]) => [field(name, type), FIELD_TYPES[type]]);
  return Object.fromEntries([
    ...typed(SYSTEM_SEARCH_ATTRIBUTES, (name) => name),
    ...typed(PREDEFINED_SEARCH_ATTRIBUTES, (name) => name),
    ...typed(custom, customField),
  ]);
}

export interface IndexSettings {
  numberOfShards: number;
  numberOfReplicas: number;
}

export function indexDefinition(settings: IndexSettings): Record<string, unknown> {
  const typed = (attributes: Readonly<Record<string, SearchAttributeType>>) =>
    Object.fromEntries(Object.entries(attributes).map(([name, type]) => [name, { type: FIELD_TYPES[type] }]));
  return {
    settings: {
      number_of_shards: settings.numberOfShards,
      number_of_replicas: settings.numberOfReplicas,
      'mapping.total_fields.limit': TOTAL_FIELDS_LIMIT,
    },
    mappings: {
      // Anything outside `Custom` must be declared here: a typo in the indexer fails loudly.
      dynamic: 'strict',
      _routing: { required: true },
      dynamic_templates: Object.entries(FIELD_TYPES).map(([type, fieldType]) => ({
        [`custom_${type}`]: { path_match: `${CUSTOM_FIELD}.${type}.*`, mapping: { type: fieldType } },
      })),
      properties: {
        [NAMESPACE_ID_FIELD]: { type: 'keyword' },
        [MEMO_FIELD]: { type: 'binary' },
        [VERSION_FIELD]: { type: 'long', index: false },
        ...typed(SYSTEM_SEARCH_ATTRIBUTES),
        ...typed(PREDEFINED_SEARCH_ATTRIBUTES),
        [CUSTOM_FIELD]: {
          type: 'object',
          dynamic: true,
          properties: Object.fromEntries(
            Object.keys(FIELD_TYPES).map((type) => [type, { type: 'object', dynamic: true }]),
          ),
        },
      },
    },
  };
}
