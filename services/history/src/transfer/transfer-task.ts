import { z } from 'zod';

/**
 * History-internal work that must happen after a transaction commits, on the shard of another
 * execution (a child to start, a parent to tell, a workflow to signal or cancel): Temporal's transfer
 * tasks for children and external workflows.
 *
 * Path: the transition that creates the work adds a TransferTask to its mutation; the execution store
 * writes it into the same `outbox` as the matching tasks, in the same transaction, on topic
 * `kairos.history.transfer` (key `<namespaceId>/<target workflowId>`). The outbox relay publishes it;
 * every history process consumes the topic in one consumer group (transfer-consumer.ts) and hands each
 * task to `HistoryClient.processTransfer`, which runs on the process owning the target's shard (a direct
 * call embedded, internal rpc in cluster mode). Processing may answer follow-up tasks for another
 * execution (a child's start outcome for the parent); the consumer processes them before committing the
 * message, so a crash in between redelivers the whole chain.
 *
 * Delivery is at-least-once, so every step is idempotent through deterministic request ids and state:
 * a child is started with request id `<parent runId>:<initiated event id>` (a second start with it
 * answers the same run; once the child continued as new, a current run whose parent link names this
 * initiated event answers its chain's first run) and only while the parent still waits for it; a
 * signal or cancel request carries the same kind of id, which the target remembers (appliedRequestIds,
 * carried into runs it continues as new, and checked before whether the target still runs, so a
 * redelivery after the target closed still answers delivered); the parent or sender records an
 * outcome only while the initiated event is still pending.
 */
const execution = z.object({ workflowId: z.string().min(1), runId: z.string().optional() });
const exactRun = z.object({ workflowId: z.string().min(1), runId: z.string().min(1) });

const base = {
  namespaceId: z.string().min(1),
  /** The namespace's name, for events that carry it. */
  namespace: z.string(),
  /** The execution whose shard does the work. */
  target: execution,
  /** The initiated event (in the parent or sender) this task belongs to. */
  initiatedEventId: z.number().int().positive(),
};

export const transferTaskSchema = z.discriminatedUnion('kind', [
  /** Start the child (target: the child's workflow id). */
  z.object({
    ...base,
    kind: z.literal('start-child'),
    parent: exactRun,
    /** The parent's root (its own run when it has none). */
    root: exactRun,
    /** Encoded StartChildWorkflowExecutionInitiatedEventAttributes, base64. */
    attributes: z.string(),
  }),
  /** Tell the parent (target) that its child started. */
  z.object({ ...base, kind: z.literal('child-started'), childRunId: z.string().min(1) }),
  /** Tell the parent (target) that the child could not start. */
  z.object({ ...base, kind: z.literal('child-start-failed'), cause: z.literal('workflow-already-exists') }),
  /** Tell the parent (target) that its child's chain closed; the close event, encoded, base64. */
  z.object({
    ...base,
    kind: z.literal('child-closed'),
    child: exactRun,
    childFirstRunId: z.string().min(1),
    closeEvent: z.string(),
  }),
  /** The parent closed: apply its close policy to the child (target). */
  z.object({
    ...base,
    kind: z.literal('parent-closed'),
    policy: z.enum(['terminate', 'request-cancel']),
    parent: exactRun,
  }),
  /** Signal the target for the sender. */
  z.object({
    ...base,
    kind: z.literal('signal-external'),
    sender: exactRun,
    signalName: z.string(),
    /** Encoded Payloads / Header, base64. */
    input: z.string().optional(),
    header: z.string().optional(),
    childWorkflowOnly: z.boolean(),
  }),
  /** Request cancellation of the target for the sender. */
  z.object({
    ...base,
    kind: z.literal('cancel-external'),
    sender: exactRun,
    reason: z.string(),
    childWorkflowOnly: z.boolean(),
  }),
  /** Tell the sender (target) how its signal or cancel request went. */
  z.object({
    ...base,
    kind: z.literal('external-outcome'),
    operation: z.enum(['signal', 'cancel']),
    /** The run that was signalled or asked to cancel (empty run id when none was found). */
    external: execution,
    delivered: z.boolean(),
  }),
]);

export type TransferTask = z.infer<typeof transferTaskSchema>;
export type TransferTaskOf<Kind extends TransferTask['kind']> = Extract<TransferTask, { kind: Kind }>;

/** The bus key: the acting execution's workflow id, so one execution's tasks stay in order. */
export function transferTaskKey(task: TransferTask): string {
  return `${task.namespaceId}/${task.target.workflowId}`;
}

/** The deterministic id a task's effect is applied under (child start, signal, cancel request). */
export function transferRequestId(sender: { runId: string }, initiatedEventId: number): string {
  return `${sender.runId}:${initiatedEventId}`;
}
