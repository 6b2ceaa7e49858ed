import { randomUUID } from 'node:crypto';
import { InvalidArgument, PermissionDenied } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, optionalRunId, requireExecution, requireId } from './execution-fields.ts';

type UpdateRequest = temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest;
const { UpdateWorkflowExecutionLifecycleStage: Stage } = temporal.api.enums.v1;

/**
 * UpdateWorkflowExecution: history admits the update, a workflow task carries it to a worker, and the
 * call waits (20 s at most, then answers the stage reached; the SDKs call again) for the stage asked.
 */
export function updateWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('UpdateWorkflowExecution', dependencies, {
    validate: (request) => validateUpdateRequest(request, 'workflowExecution'),
    handle: (request, namespace, context) =>
      dependencies.history.updateWorkflowExecution(namespace, request, context.signal),
  });
}

/**
 * Temporal's frontend checks, naming the field: meta and input set, an update name, arguments within
 * the 2 MB blob limit (Temporal's frontend lets larger ones through; Kairos refuses them at once), a
 * wait stage past ADMITTED. An empty update id gets a fresh UUID, as Temporal gives it.
 */
export function validateUpdateRequest(request: UpdateRequest, executionField: string): UpdateRequest {
  requireExecution(request.workflowExecution, executionField);
  optionalRunId(request.firstExecutionRunId, 'firstExecutionRunId');
  const update = request.request;
  if (!update) throw InvalidArgument.forField('request', 'Update request is not set on request.');
  if (!update.meta) throw InvalidArgument.forField('request.meta', 'Update meta is not set on request.');
  if (!update.input) throw InvalidArgument.forField('request.input', 'Update input is not set on request.');
  if (!update.input.name)
    throw InvalidArgument.forField('request.input.name', 'Update name is not set on request.');
  requireId(update.input.name, 'request.input.name');
  checkPayloadsSize(update.input.args, 'request.input.args');
  const updateId = update.meta.updateId || randomUUID();
  requireId(updateId, 'request.meta.updateId');
  const stage =
    request.waitPolicy?.lifecycleStage ?? Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_UNSPECIFIED;
  if (!(stage in Stage)) {
    throw InvalidArgument.forField('waitPolicy.lifecycleStage', `unknown lifecycle stage ${String(stage)}`);
  }
  if (stage === Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED) {
    // Temporal's answer, word for word (code included): only PollWorkflowExecutionUpdate waits for ADMITTED.
    throw new PermissionDenied(
      'UpdateWorkflowExecution issued asynchronously and waiting on update admitted is not supported.',
      { detail: { type: 'PermissionDenied', reason: '' } },
    );
  }
  return { ...request, request: { ...update, meta: { ...update.meta, updateId } } };
}
