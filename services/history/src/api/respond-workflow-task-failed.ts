import { temporal } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { updateExecution, type EngineContext } from '../engine/engine-context.ts';
import { decodeTaskToken, requireTokenNamespace } from '../task-token.ts';
import { failWorkflowTask } from '../transitions/workflow-task.ts';
import { requireStartedTask } from './respond-workflow-task-completed.ts';

/**
 * RespondWorkflowTaskFailed: the worker could not run the task (a bug, non-determinism). The failure
 * is recorded on the first attempt and the task is retried (transiently) with attempt + 1.
 */
export async function respondWorkflowTaskFailed(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IRespondWorkflowTaskFailedRequest,
): Promise<void> {
  const token = requireTokenNamespace(decodeTaskToken(request.taskToken, 'workflow'), namespace.id);
  await updateExecution(
    context,
    { namespaceId: token.namespaceId, workflowId: token.workflowId, runId: token.runId },
    (mutation) => {
      requireStartedTask(mutation.state, token);
      failWorkflowTask(mutation, {
        kind: 'failed',
        cause:
          request.cause ??
          temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED,
        failure: request.failure,
        identity: request.identity ?? '',
      });
    },
  );
}
