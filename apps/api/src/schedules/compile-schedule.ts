// CreateSchedule/UpdateSchedule's `schedule`, validated and completed as Temporal stores it: the spec
// compiled, the action checked by StartWorkflowExecution's own rules, the policies defaulted.
import { InvalidArgument } from '@kairos/errors';
import { durationToMs, int64, int64ToNumber, msToDuration, temporal } from '@kairos/proto';
import { validateStartWorkflowRequest } from '../grpc/workflow-service/start-workflow-request.ts';
import { nominalTimeSuffix } from './scheduled-start.ts';
import { Overlap } from './schedule-record.ts';
import { defaultCatchupWindowMs, minCatchupWindowMs } from './schedule-timing.ts';
import { compileScheduleSpec } from './spec/compile-spec.ts';

type Schedule = temporal.api.schedule.v1.ISchedule;
type NewWorkflow = temporal.api.workflow.v1.INewWorkflowExecutionInfo;

export function compileSchedule(schedule: Schedule | null | undefined): Schedule {
  if (!schedule) throw InvalidArgument.forField('schedule', 'must be set');
  const spec = compileScheduleSpec(schedule.spec, 'schedule.spec');
  const startWorkflow = schedule.action?.startWorkflow;
  if (!startWorkflow) {
    throw InvalidArgument.forField(
      'schedule.action.startWorkflow',
      'must be set (the action Temporal schedules take)',
    );
  }
  checkAction(startWorkflow);
  return {
    spec,
    action: { startWorkflow },
    policies: compilePolicies(schedule.policies),
    state: {
      paused: schedule.state?.paused === true,
      notes: schedule.state?.notes ?? '',
      limitedActions: schedule.state?.limitedActions === true,
      remainingActions: int64(
        schedule.state?.limitedActions ? Math.max(0, int64ToNumber(schedule.state.remainingActions)) : 0,
      ),
    },
  };
}

/** An overlap policy from a request: unspecified is the fallback; unknown values are refused. */
export function overlapPolicyOf(
  value: temporal.api.enums.v1.ScheduleOverlapPolicy | null | undefined,
  fallback: temporal.api.enums.v1.ScheduleOverlapPolicy,
  field: string,
): temporal.api.enums.v1.ScheduleOverlapPolicy {
  if (!value) return fallback;
  if (!Object.values(Overlap).includes(value))
    throw InvalidArgument.forField(field, `unknown overlap policy ${value}`);
  return value;
}

function compilePolicies(policies: temporal.api.schedule.v1.ISchedulePolicies | null | undefined) {
  if (policies?.pauseOnFailure) {
    throw InvalidArgument.forField('schedule.policies.pauseOnFailure', 'is not supported by Kairos yet');
  }
  const windowMs = durationToMs(policies?.catchupWindow) ?? 0;
  if (windowMs < 0) throw InvalidArgument.forField('schedule.policies.catchupWindow', 'must not be negative');
  return {
    overlapPolicy: overlapPolicyOf(
      policies?.overlapPolicy,
      Overlap.SCHEDULE_OVERLAP_POLICY_SKIP,
      'schedule.policies.overlapPolicy',
    ),
    catchupWindow: msToDuration(
      windowMs === 0 ? defaultCatchupWindowMs : Math.max(windowMs, minCatchupWindowMs),
    ),
    pauseOnFailure: false,
    keepOriginalWorkflowId: policies?.keepOriginalWorkflowId === true,
  };
}

/** The action must make a valid StartWorkflowExecution at any nominal time (the id gets a suffix). */
function checkAction(action: NewWorkflow): void {
  const path = 'schedule.action.startWorkflow';
  if (!action.workflowId) throw InvalidArgument.forField(`${path}.workflowId`, 'must be set');
  try {
    validateStartWorkflowRequest({
      ...action,
      workflowId: `${action.workflowId}-${nominalTimeSuffix(0)}`,
      requestId: 'schedule-validation',
    });
  } catch (error) {
    if (!(error instanceof InvalidArgument) || !error.field) throw error;
    const problem = error.message.slice(error.field.length + 2);
    throw InvalidArgument.forField(`${path}.${error.field}`, problem);
  }
}
