// @kairos/visibility: indexes execution records and answers list/count queries. It holds the list
// filter language (also importable alone as `@kairos/visibility/query`), the visibility store port
// with its Postgres (embedded) and OpenSearch (cluster) implementations, and the per-namespace
// custom search attribute registry, and the indexer that keeps a store up to date from the bus.
export * from './query/index.ts';
export type {
  CountGroup,
  CountRequest,
  CountResult,
  CustomAttributeSource,
  ListRequest,
  ListResult,
  SearchAttributeValue,
  VisibilityRecord,
  VisibilityStore,
} from './store/visibility-store.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './store/visibility-store.ts';
export {
  PostgresVisibilityStore,
  type PostgresVisibilityStoreOptions,
} from './store/postgres-visibility-store.ts';
export {
  OpenSearchVisibilityStore,
  type OpenSearchVisibilityStoreOptions,
} from './store/opensearch-visibility-store.ts';
export { DEFAULT_VISIBILITY_INDEX } from './store/opensearch-index-layout.ts';
export {
  CUSTOM_SEARCH_ATTRIBUTE_LIMITS,
  MAX_SEARCH_ATTRIBUTE_NAME_LENGTH,
  SearchAttributeRegistry,
} from './store/search-attribute-registry.ts';
export {
  decodeVisibilityChange,
  encodeVisibilityChange,
  PoisonVisibilityChange,
  VISIBILITY_CHANGE_FORMAT,
  type VisibilityChange,
} from './indexer/visibility-change.ts';
export {
  MAX_BATCH_SIZE as VISIBILITY_INDEXER_MAX_BATCH_SIZE,
  startVisibilityIndexer,
  VISIBILITY_INDEXER_GROUP,
  type VisibilityIndexer,
  type VisibilityIndexerOptions,
} from './indexer/start-visibility-indexer.ts';
export {
  toVisibilityRecord,
  type ConvertedChange,
  type DroppedAttribute,
} from './indexer/to-visibility-record.ts';
export { DEAD_LETTER_HEADERS } from './indexer/dead-letter.ts';
