import { InvalidArgument, Internal } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import type { QueryAnswer } from './query-tasks.ts';

const { QueryResultType } = temporal.api.enums.v1;

/**
 * Turns a worker's RespondQueryTaskCompleted into the QueryWorkflow answer. A failed query comes back
 * as Temporal sends it: INVALID_ARGUMENT with the worker's error message and a QueryFailedFailure
 * detail carrying its failure — which the TypeScript client turns into QueryNotRegisteredError (an
 * unknown query type) and other SDKs into their query-failed errors.
 */
export function queryOutcome(answer: QueryAnswer): temporal.api.workflowservice.v1.IQueryWorkflowResponse {
  switch (answer.completedType) {
    case QueryResultType.QUERY_RESULT_TYPE_ANSWERED:
      return { queryResult: answer.queryResult ?? { payloads: [] } };
    case QueryResultType.QUERY_RESULT_TYPE_FAILED:
      throw new InvalidArgument(answer.errorMessage || answer.failure?.message || 'query failed', {
        detail: {
          type: 'QueryFailed',
          ...(answer.failure
            ? { failure: temporal.api.failure.v1.Failure.encode(answer.failure).finish() }
            : {}),
        },
      });
    default:
      throw new Internal('query: the worker answered with an unknown completedType');
  }
}
