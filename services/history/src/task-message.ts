import { z } from 'zod';

/**
 * What history's outbox publishes on `kairos.tasks` (key `<namespaceId>/<taskQueue>`) when a workflow
 * or activity task is ready, and what matching keeps in its backlog. It only points at the task: the
 * task's content is read from history when a poll starts it, so a stale message is harmless.
 */
export const taskMessageSchema = z.object({
  kind: z.enum(['workflow', 'activity']),
  namespaceId: z.string().uuid(),
  workflowId: z.string().min(1),
  runId: z.string().uuid(),
  /** The queue to dispatch on. For a sticky workflow task this is the worker's sticky queue. */
  taskQueue: z.string().min(1),
  taskQueueKind: z.enum(['normal', 'sticky']),
  /** For sticky tasks: the workflow's normal queue, where matching redirects when the sticky worker is gone. */
  normalTaskQueue: z.string().min(1),
  scheduledEventId: z.number().int().positive(),
  attempt: z.number().int().positive(),
  /** Epoch ms when the task became ready (for schedule-to-start latency). */
  scheduledAtMs: z.number(),
});

export type TaskMessage = z.infer<typeof taskMessageSchema>;

/** Identifies a task across at-least-once redeliveries, so matching's backlog holds it once. */
export function taskMessageDedupeKey(task: TaskMessage): string {
  return [task.kind, task.runId, task.scheduledEventId, task.attempt, task.taskQueueKind].join(':');
}
