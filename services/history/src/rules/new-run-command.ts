import { InvalidArgument } from '@kairos/errors';
import type { temporal } from '@kairos/proto';
import {
  WorkflowTaskFailedCause,
  idProblem,
  rejectCommand,
  rejectionFromInvalidArgument,
  type CommandCheck,
} from './command-outcome.ts';
import { normalizeWorkflowRetryPolicy, type NormalizedRetryPolicy } from './retry-policy.ts';
import { searchAttributesCountProblem } from './search-attribute-limits.ts';
import { searchAttributeProblem, type SearchAttributeLookup } from './search-attribute-value.ts';
import { readTaskQueue } from './task-queue.ts';

/**
 * Checks shared by the two commands that start a new run, StartChildWorkflowExecution and
 * ContinueAsNewWorkflowExecution: Temporal validates their workflow type, task queue, retry policy and
 * search attribute count the same way. `cause` is the command's BAD_..._ATTRIBUTES cause, `at` the
 * attributes' path in the Command message.
 */
interface NewRunAttributes {
  workflowType?: temporal.api.common.v1.IWorkflowType | null;
  taskQueue?: temporal.api.taskqueue.v1.ITaskQueue | null;
  retryPolicy?: temporal.api.common.v1.IRetryPolicy | null;
  searchAttributes?: temporal.api.common.v1.ISearchAttributes | null;
}

/**
 * The new run's workflow type (set, at most 1000 bytes) and task queue (valid when named), each
 * taking `defaults` when the command leaves it unset.
 */
export function checkNewRunTypeAndQueue(
  attributes: NewRunAttributes,
  defaults: { workflowType: string; taskQueue: string },
  cause: WorkflowTaskFailedCause,
  at: string,
): CommandCheck<{ workflowType: string; taskQueue: string }> {
  const workflowType = attributes.workflowType?.name || defaults.workflowType;
  const badType = idProblem(workflowType);
  if (badType) return rejectCommand(cause, `${at}.workflowType.name`, badType);
  let taskQueue = defaults.taskQueue;
  if (attributes.taskQueue?.name) {
    const reading = readTaskQueue(attributes.taskQueue);
    if (!reading.ok) {
      const field = reading.field ? `${at}.taskQueue.${reading.field}` : `${at}.taskQueue`;
      return rejectCommand(cause, field, reading.problem);
    }
    taskQueue = reading.taskQueue.name;
  }
  return { ok: true, attributes: { workflowType, taskQueue } };
}

/**
 * The new run's retry policy (defaults filled, then validated; undefined when none is set), then its
 * search attributes — their count, and with the namespace's `lookup` each name registered and each
 * value of its type — which fail the task with BAD_SEARCH_ATTRIBUTES instead of `cause`.
 */
export function checkNewRunRetryAndSearchAttributes(
  attributes: NewRunAttributes,
  cause: WorkflowTaskFailedCause,
  at: string,
  lookup?: SearchAttributeLookup,
): CommandCheck<{ retryPolicy: NormalizedRetryPolicy | undefined }> {
  let retryPolicy: NormalizedRetryPolicy | undefined;
  try {
    retryPolicy = normalizeWorkflowRetryPolicy(attributes.retryPolicy, `${at}.retryPolicy`);
  } catch (error) {
    if (error instanceof InvalidArgument) return rejectionFromInvalidArgument(cause, error);
    throw error;
  }
  const tooMany = searchAttributesCountProblem(attributes.searchAttributes?.indexedFields);
  if (tooMany) {
    return rejectCommand(
      WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
      `${at}.searchAttributes.${tooMany.field}`,
      tooMany.problem,
    );
  }
  if (lookup) {
    for (const [name, payload] of Object.entries(attributes.searchAttributes?.indexedFields ?? {})) {
      const problem = payload ? searchAttributeProblem(name, payload, lookup) : undefined;
      if (problem) {
        return rejectCommand(
          WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
          `${at}.searchAttributes.indexedFields.${name}`,
          problem,
        );
      }
    }
  }
  return { ok: true, attributes: { retryPolicy } };
}
