// Type half of temporal-api.js: the same namespaces, with their value, type and namespace meanings, so
// `temporal.api.workflowservice.v1.X` works both as a value and as a type for importers.
export { google, temporal } from '@temporalio/proto';
