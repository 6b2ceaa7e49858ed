// @kairos/visibility: indexes execution records and answers list/count queries. So far it holds the
// list filter language (also importable alone as `@kairos/visibility/query`); the store port, its SQL
// and OpenSearch implementations and the indexer arrive with the rest of issue 6.
export * from './query/index.ts';
