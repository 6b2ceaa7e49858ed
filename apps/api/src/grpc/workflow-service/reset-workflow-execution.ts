import { InvalidArgument } from '@kairos/errors';
import { int64ToNumber } from '@kairos/proto';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireExecution } from './execution-fields.ts';

/** Temporal's frontend bound on a request id (its id-length limit). */
const MAX_REQUEST_ID_BYTES = 1000;

/**
 * ResetWorkflowExecution: a new run from the base run's history up to a workflow task (history does
 * the work and answers the new run id). Post-reset operations are not supported yet and are refused
 * rather than ignored.
 */
export function resetWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('ResetWorkflowExecution', dependencies, {
    validate(request) {
      requireExecution(request.workflowExecution, 'workflowExecution');
      const finishEventId = int64ToNumber(request.workflowTaskFinishEventId);
      if (!(finishEventId > 1)) {
        throw InvalidArgument.forField(
          'workflowTaskFinishEventId',
          `must be the id of a workflow task event after the first event, got ${finishEventId}`,
        );
      }
      checkRequestIdLength(request.requestId);
      if ((request.postResetOperations ?? []).length > 0) {
        throw InvalidArgument.forField(
          'postResetOperations',
          'Kairos does not support post-reset operations yet',
        );
      }
      return request;
    },
    handle: (request, namespace) => dependencies.history.resetWorkflowExecution(namespace, request),
  });
}

function checkRequestIdLength(requestId: string | null | undefined): void {
  const bytes = Buffer.byteLength(requestId ?? '', 'utf8');
  if (bytes > MAX_REQUEST_ID_BYTES) {
    throw InvalidArgument.forField(
      'requestId',
      `must be at most ${MAX_REQUEST_ID_BYTES} bytes, got ${bytes}`,
    );
  }
}
