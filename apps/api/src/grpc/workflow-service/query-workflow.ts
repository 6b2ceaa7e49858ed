import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, requireExecution, requireId } from './execution-fields.ts';

const { QueryRejectCondition, WorkflowExecutionStatus } = temporal.api.enums.v1;

/**
 * QueryWorkflow: a legacy query task through matching to a worker of the run (open or closed), whose
 * answer comes back through RespondQueryTaskCompleted. `queryRejectCondition` is honoured first.
 */
export function queryWorkflow(dependencies: EngineDependencies) {
  return engineRpc('QueryWorkflow', dependencies, {
    validate(request) {
      const execution = requireExecution(request.execution, 'execution');
      if (!request.query) throw InvalidArgument.forField('query', 'must be set');
      requireId(request.query.queryType, 'query.queryType');
      checkPayloadsSize(request.query.queryArgs, 'query.queryArgs');
      return { execution, query: request.query, rejectCondition: request.queryRejectCondition ?? 0 };
    },
    handle: async ({ execution, query, rejectCondition }, namespace, context) => {
      const target = await dependencies.history.getQueryTarget(namespace, execution);
      const rejected =
        (rejectCondition === QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN &&
          target.status !== WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) ||
        (rejectCondition === QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY &&
          target.status !== WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING &&
          target.status !== WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
      if (rejected) return { queryRejected: { status: target.status } };
      return dependencies.matching.queryWorkflow(namespace, target, query, context.signal);
    },
  });
}
