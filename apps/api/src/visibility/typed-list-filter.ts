import { InvalidArgument } from '@kairos/errors';
import { temporal, timestampToMs } from '@kairos/proto';
import { EXECUTION_STATUS_NAMES, printListFilter, type Expression, type Predicate } from '@kairos/visibility';

// ListOpen/ListClosedWorkflowExecutions (Temporal's older, typed filters) become list filters, so
// one store query path serves every list rpc. Semantics as Temporal's frontend applies them: open
// runs are Running and filtered on StartTime; closed runs are the others and the "start time" window
// applies to their CloseTime; the execution/type/status filters are equality tests.

type StartTimeFilter = temporal.api.filter.v1.IStartTimeFilter;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

export interface TypedFilter {
  startTimeFilter?: StartTimeFilter | null;
  executionFilter?: temporal.api.filter.v1.IWorkflowExecutionFilter | null;
  typeFilter?: temporal.api.filter.v1.IWorkflowTypeFilter | null;
  statusFilter?: temporal.api.filter.v1.IStatusFilter | null;
}

/** The list filter text equivalent to a ListOpen (`open`) or ListClosed (`closed`) request. */
export function typedFilterQuery(which: 'open' | 'closed', filter: TypedFilter): string {
  const predicates: Predicate[] = [];
  if (which === 'open') {
    predicates.push(compare('ExecutionStatus', '=', 'Running'));
  } else {
    const status = closedStatusName(filter.statusFilter);
    predicates.push(
      status === undefined
        ? compare('ExecutionStatus', '!=', 'Running')
        : compare('ExecutionStatus', '=', status),
    );
  }
  predicates.push(...timeWindow(which === 'open' ? 'StartTime' : 'CloseTime', filter.startTimeFilter));
  const workflowId = filter.executionFilter?.workflowId;
  if (workflowId) predicates.push(compare('WorkflowId', '=', workflowId));
  const runId = filter.executionFilter?.runId;
  if (runId) predicates.push(compare('RunId', '=', runId));
  const typeName = filter.typeFilter?.name;
  if (typeName) predicates.push(compare('WorkflowType', '=', typeName));
  const where: Expression =
    predicates.length === 1 && predicates[0] !== undefined
      ? predicates[0]
      : { kind: 'and', operands: predicates };
  return printListFilter({ where, orderBy: [], groupBy: [] });
}

function closedStatusName(
  statusFilter: temporal.api.filter.v1.IStatusFilter | null | undefined,
): string | undefined {
  if (!statusFilter) return undefined;
  const status = statusFilter.status ?? Status.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
  const name =
    status > Status.WORKFLOW_EXECUTION_STATUS_RUNNING ? EXECUTION_STATUS_NAMES[status - 1] : undefined;
  if (name === undefined) {
    throw InvalidArgument.forField(
      'statusFilter.status',
      `must be a closed status (Completed, Failed, Canceled, Terminated, ContinuedAsNew, TimedOut), got ${
        Status[status] ?? status
      }`,
    );
  }
  return name;
}

function timeWindow(
  attribute: 'StartTime' | 'CloseTime',
  filter: StartTimeFilter | null | undefined,
): Predicate[] {
  const earliestMs = timestampToMs(filter?.earliestTime) ?? 0;
  const latestMs = timestampToMs(filter?.latestTime) ?? 0;
  if (latestMs > 0 && earliestMs > latestMs) {
    throw InvalidArgument.forField('startTimeFilter', 'earliestTime must not be later than latestTime');
  }
  const window: Predicate[] = [];
  // Unset (zero) bounds are open ends, as Temporal's frontend defaults them to the epoch and the far future.
  if (earliestMs > 0) window.push(compare(attribute, '>=', new Date(earliestMs).toISOString()));
  if (latestMs > 0) window.push(compare(attribute, '<=', new Date(latestMs).toISOString()));
  return window;
}

function compare(name: string, operator: '=' | '!=' | '>=' | '<=', value: string): Predicate {
  return {
    kind: 'compare',
    attribute: { name, position: 0 },
    operator,
    value: { kind: 'string', value, position: 0 },
  };
}
