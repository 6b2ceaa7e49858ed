import { status } from '@grpc/grpc-js';
import {
  AlreadyExists,
  domainErrorOf,
  InvalidArgument,
  isDomainError,
  type MultiOperationStatus,
} from '@kairos/errors';
import type { temporal } from '@kairos/proto';
import type { VisibilityDependencies } from '../../visibility/api-visibility.ts';
import { checkStartSearchAttributes } from '../../visibility/start-search-attributes.ts';
import { grpcCodeOf } from '../to-grpc-status.ts';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { validateStartWorkflowRequest } from './start-workflow-request.ts';
import { validateUpdateRequest } from './update-workflow-execution.ts';

type StartRequest = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
type UpdateRequest = temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest;
type Operation = temporal.api.workflowservice.v1.ExecuteMultiOperationRequest.IOperation;

/** Which operation failed; the other one is reported as aborted. */
const START = 0;
const UPDATE = 1;

/**
 * ExecuteMultiOperation, the one shape Temporal serves: [StartWorkflow, UpdateWorkflow]
 * (update-with-start, the SDKs' executeUpdateWithStart). History starts the run with the update
 * admitted, or hands the update to the run the start reuses. A failure of either operation answers
 * with that operation's code, "Update-with-Start could not be executed." and a
 * MultiOperationExecutionFailure detail listing both operations (the other one aborted), as Temporal.
 */
export function executeMultiOperation(
  dependencies: EngineDependencies & { visibility?: Pick<VisibilityDependencies, 'searchAttributes'> },
) {
  return engineRpc('ExecuteMultiOperation', dependencies, {
    validate(request) {
      const [start, update] = splitOperations(request.operations ?? []);
      return operationFailure(START, () => {
        requireSameNamespace(request.namespace, start.namespace);
        validateStartWorkflowRequest(start);
        return operationFailure(UPDATE, () => {
          requireSameNamespace(request.namespace, update.namespace);
          return { start, update: validateUpdateWithStart(start, update) };
        });
      });
    },
    async handle({ start, update }, namespace, context) {
      await checkStartSearchAttributes(dependencies.visibility, namespace.id, start.searchAttributes).catch(
        (error: unknown) => Promise.reject(multiOperationFailure(START, error)),
      );
      try {
        const result = await dependencies.history.updateWithStartWorkflowExecution(
          namespace,
          start,
          update,
          context.signal,
        );
        return { responses: [{ startWorkflow: result.start }, { updateWorkflow: result.update }] };
      } catch (error) {
        // Errors of history's start (AlreadyExists, a reuse policy) come first; the rest are the update's.
        throw multiOperationFailure(isStartError(error) ? START : UPDATE, error);
      }
    },
  });
}

function splitOperations(operations: readonly Operation[]): [StartRequest, UpdateRequest] {
  const [first, second] = operations;
  if (operations.length !== 2 || !first?.startWorkflow || !second?.updateWorkflow) {
    throw new InvalidArgument('Operations have to be exactly [Start, Update].', { field: 'operations' });
  }
  return [first.startWorkflow, second.updateWorkflow];
}

/** An operation may leave its namespace empty; else it must be the request's. */
function requireSameNamespace(
  namespace: string | null | undefined,
  operationNamespace: string | null | undefined,
) {
  if (operationNamespace && operationNamespace !== namespace) {
    throw InvalidArgument.forField('namespace', 'Namespace is not consistent with previous operation(s).');
  }
}

/** The update must name the start's workflow id and no run (the run is the one the start settles on). */
function validateUpdateWithStart(start: StartRequest, update: UpdateRequest): UpdateRequest {
  const workflowId = update.workflowExecution?.workflowId;
  if (workflowId && workflowId !== start.workflowId) {
    throw InvalidArgument.forField(
      'workflowExecution.workflowId',
      'WorkflowId is not consistent with previous operation(s).',
    );
  }
  if (update.workflowExecution?.runId) {
    throw InvalidArgument.forField('workflowExecution.runId', 'RunId is not allowed for Update-with-Start.');
  }
  if (update.firstExecutionRunId) {
    throw InvalidArgument.forField(
      'firstExecutionRunId',
      'FirstExecutionRunId is not allowed for Update-with-Start.',
    );
  }
  return validateUpdateRequest(
    { ...update, workflowExecution: { workflowId: start.workflowId, runId: '' } },
    'workflowExecution',
  );
}

function operationFailure<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (wrappedFailures.has(error as object)) throw error;
    throw multiOperationFailure(index, error);
  }
}

function isStartError(error: unknown): boolean {
  return error instanceof AlreadyExists;
}

/** Failures already wrapped (validation nests the update's check inside the start's). */
const wrappedFailures = new WeakSet<object>();

function multiOperationFailure(failedIndex: number, error: unknown): unknown {
  // Not an expected failure (a bug): left alone, so the edge logs it and answers INTERNAL.
  if (!isDomainError(error)) return error;
  const statuses: MultiOperationStatus[] = [START, UPDATE].map((index) =>
    index === failedIndex
      ? { code: grpcCodeOf(error), message: error.message, detail: error.detail }
      : { code: status.ABORTED, message: 'Operation was aborted.', detail: 'aborted' },
  );
  const wrapped = domainErrorOf(error.code, 'Update-with-Start could not be executed.', {
    detail: { type: 'MultiOperationExecution', statuses },
    cause: error,
  });
  wrappedFailures.add(wrapped);
  return wrapped;
}
