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
  try {
    const started = await startWorkflowExecution(
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
    const outcome: TransferTask = {
      ...reply,
      kind: 'child-started',
      initiatedEventId: task.initiatedEventId,
      childRunId: started.runId ?? '',
    };
    return [outcome, ...(await closedMeanwhile(context, task, pending.parentClosePolicy))];
  } catch (error) {
    if (!(error instanceof AlreadyExists)) throw error;
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
