// Every workflow the engine suite registers; the shared bundle is built from this file.
export * from './activity-calls.ts';
export * from './basic.ts';
export * from './cancel-terminate.ts';
export * from './replay.ts';
export * from './reset.ts';
export * from './signals-queries.ts';
export * from './timers.ts';
export * from './workflow-tasks.ts';
export * from './run-chains.ts';
export * from './races.ts';
export * from './saga.ts';
export * from './child-workflows.ts';
export * from './external-workflows.ts';
export * from './search-attribute-validation.ts';
export * from './updates.ts';
