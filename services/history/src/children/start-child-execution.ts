import { AlreadyExists } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { startWorkflowExecution } from '../api/start-workflow-execution.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { ParentClosePolicyName, ParentLink } from '../state/mutable-state.ts';
import { parentAttributes } from '../transitions/start-run.ts';
import { transferRequestId, type TransferTask, type TransferTaskOf } from '../transfer/transfer-task.ts';

const HistoryEvent = temporal.api.history.v1.HistoryEvent;
const InitiatedAttributes = temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;

/**
 * Starts a child on its own shard (this process owns it), as the parent's StartChildWorkflowExecution
 * asked, and answers the outcome the parent must record. Runs at least once per command, so:
 * nothing starts unless the parent still runs and still waits for this child, and the start's request
 * id `<parent runId>:<initiated event id>` makes a repeated start answer the run the first one made.
 * The child's id reuse policy applies as for a client's start; a conflict (a run of that id is open,
 * or the policy refuses a closed one) becomes StartChildWorkflowExecutionFailed in the parent.
 */
export async function startChildExecution(
  context: EngineContext,
  task: TransferTaskOf<'start-child'>,
): Promise<TransferTask[]> {
  const parent = await context.store.load(task.namespaceId, task.parent.workflowId, task.parent.runId);
  const pending = parent?.state.pendingChildren?.[task.initiatedEventId];
  if (!parent || parent.state.status !== 'running' || !pending || pending.runId) return [];
  const attributes = InitiatedAttributes.decode(Buffer.from(task.attributes, 'base64'));
  const link: ParentLink = {
    namespaceId: task.namespaceId,
    namespace: task.namespace,
    workflowId: task.parent.workflowId,
    runId: task.parent.runId,
    initiatedEventId: task.initiatedEventId,
  };
  const reply = { namespaceId: task.namespaceId, namespace: task.namespace, target: task.parent };
  const started = (childFirstRunId: string): Promise<TransferTask[]> =>
    startedOutcome(context, task, childFirstRunId, pending.parentClosePolicy);
  // A redelivered start whose child already runs as a later run of its chain (it continued as new):
  // the request-id dedupe only knows the current run's own start, so the child's parent link decides.
  const earlier = await startedChainOf(context, task, attributes.workflowId);
  if (earlier) return started(earlier);
  try {
    const run = await startWorkflowExecution(
      context,
      { id: task.namespaceId, name: task.namespace },
      {
        namespace: task.namespace,
        workflowId: attributes.workflowId,
        workflowType: attributes.workflowType,
        taskQueue: attributes.taskQueue,
        input: attributes.input,
        workflowExecutionTimeout: attributes.workflowExecutionTimeout,
        workflowRunTimeout: attributes.workflowRunTimeout,
        workflowTaskTimeout: attributes.workflowTaskTimeout,
        identity: '',
        requestId: transferRequestId(task.parent, task.initiatedEventId),
        workflowIdReusePolicy: attributes.workflowIdReusePolicy,
        retryPolicy: attributes.retryPolicy,
        cronSchedule: attributes.cronSchedule,
        memo: attributes.memo,
        searchAttributes: attributes.searchAttributes,
        header: attributes.header,
      },
      undefined,
      (mutation) => linkToParent(mutation, link, task.root),
    );
    return started(run.runId ?? '');
  } catch (error) {
    if (!(error instanceof AlreadyExists)) throw error;
    // The child may have started (and continued as new) between the look above and this start.
    const meanwhile = await startedChainOf(context, task, attributes.workflowId);
    if (meanwhile) return started(meanwhile);
    return [
      {
        ...reply,
        kind: 'child-start-failed',
        initiatedEventId: task.initiatedEventId,
        cause: 'workflow-already-exists',
      },
    ];
  }
}

/**
 * The first run id of the chain this task already started, when the workflow id's current run is
 * that chain (its parent link names this parent run and initiated event); Temporal's
 * ChildWorkflowExecutionStarted names the chain's first run.
 */
async function startedChainOf(
  context: EngineContext,
  task: TransferTaskOf<'start-child'>,
  childWorkflowId: string,
): Promise<string | undefined> {
  const current = await context.store.currentRun(task.namespaceId, childWorkflowId);
  if (!current) return undefined;
  const child = await context.store.load(task.namespaceId, childWorkflowId, current.runId);
  const parent = child?.state.parent;
  if (!parent || parent.namespaceId !== task.namespaceId) return undefined;
  if (parent.workflowId !== task.parent.workflowId || parent.runId !== task.parent.runId) return undefined;
  if (parent.initiatedEventId !== task.initiatedEventId) return undefined;
  return child.state.firstExecutionRunId;
}

/** ChildWorkflowExecutionStarted for the parent, and its close policy should it have closed meanwhile. */
async function startedOutcome(
  context: EngineContext,
  task: TransferTaskOf<'start-child'>,
  childRunId: string,
  policy: ParentClosePolicyName,
): Promise<TransferTask[]> {
  const outcome: TransferTask = {
    kind: 'child-started',
    namespaceId: task.namespaceId,
    namespace: task.namespace,
    target: task.parent,
    initiatedEventId: task.initiatedEventId,
    childRunId,
  };
  return [outcome, ...(await closedMeanwhile(context, task, policy))];
}

/**
 * The parent may have closed between the check above and the child's start, its close policy then
 * finding no child to apply to. Looking again after the start closes that gap: a parent closed by now
 * has its policy applied here (idempotent with the one its close wrote, should both reach the child).
 */
async function closedMeanwhile(
  context: EngineContext,
  task: TransferTaskOf<'start-child'>,
  policy: ParentClosePolicyName,
): Promise<TransferTask[]> {
  if (policy === 'abandon') return [];
  const parent = await context.store.load(task.namespaceId, task.parent.workflowId, task.parent.runId);
  if (parent?.state.status === 'running') return [];
  return [
    {
      kind: 'parent-closed',
      namespaceId: task.namespaceId,
      namespace: task.namespace,
      target: task.target,
      initiatedEventId: task.initiatedEventId,
      policy,
      parent: task.parent,
    },
  ];
}

/** Makes a new run a child: its state and its WorkflowExecutionStarted name the parent and root. */
function linkToParent(
  mutation: ExecutionMutation,
  parent: ParentLink,
  root: { workflowId: string; runId: string },
) {
  mutation.state.parent = parent;
  mutation.state.root = root;
  const started = mutation.events.find((event) => event.workflowExecutionStartedEventAttributes);
  if (!started?.workflowExecutionStartedEventAttributes) return;
  const sizeBefore = HistoryEvent.encode(started).len;
  Object.assign(started.workflowExecutionStartedEventAttributes, parentAttributes(parent, root));
  mutation.state.historySizeBytes += HistoryEvent.encode(started).len - sizeBefore;
}
