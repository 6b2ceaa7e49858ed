import { InvalidArgument } from '@kairos/errors';
import { z } from 'zod';

/**
 * Task tokens are opaque to workers; Kairos encodes the task's coordinates as compact JSON. A token
 * that does not decode is the caller's fault (INVALID_ARGUMENT); one that decodes but points at a task
 * that no longer exists is stale (NOT_FOUND, decided by history).
 */
const workflowTaskToken = z.object({
  kind: z.literal('workflow'),
  namespaceId: z.string().uuid(),
  workflowId: z.string().min(1),
  runId: z.string().uuid(),
  scheduledEventId: z.number().int().positive(),
  startedEventId: z.number().int().positive(),
  attempt: z.number().int().positive(),
});

const activityTaskToken = z.object({
  kind: z.literal('activity'),
  namespaceId: z.string().uuid(),
  workflowId: z.string().min(1),
  runId: z.string().uuid(),
  scheduledEventId: z.number().int().positive(),
  activityId: z.string(),
  attempt: z.number().int().positive(),
});

const queryTaskToken = z.object({
  kind: z.literal('query'),
  namespaceId: z.string().uuid(),
  queryId: z.string().min(1),
});

const taskTokenSchema = z.discriminatedUnion('kind', [workflowTaskToken, activityTaskToken, queryTaskToken]);

export type WorkflowTaskToken = z.infer<typeof workflowTaskToken>;
export type ActivityTaskToken = z.infer<typeof activityTaskToken>;
export type QueryTaskToken = z.infer<typeof queryTaskToken>;
export type TaskToken = z.infer<typeof taskTokenSchema>;

export function encodeTaskToken(token: TaskToken): Uint8Array {
  return Buffer.from(JSON.stringify(token), 'utf8');
}

/** Decodes a token, insisting on the kind the rpc expects; throws InvalidArgument naming `taskToken`. */
export function decodeTaskToken<Kind extends TaskToken['kind']>(
  bytes: Uint8Array | null | undefined,
  kind: Kind,
): Extract<TaskToken, { kind: Kind }> {
  if (!bytes || bytes.length === 0) throw InvalidArgument.forField('taskToken', 'must not be empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw InvalidArgument.forField('taskToken', 'is not a task token Kairos issued');
  }
  const result = taskTokenSchema.safeParse(parsed);
  if (!result.success) throw InvalidArgument.forField('taskToken', 'is not a task token Kairos issued');
  if (result.data.kind !== kind) {
    throw InvalidArgument.forField(
      'taskToken',
      `is a ${result.data.kind} task token, expected a ${kind} task token`,
    );
  }
  return result.data as Extract<TaskToken, { kind: Kind }>;
}

/** A token is only good in the namespace that issued it (the api authorises per namespace). */
export function requireTokenNamespace<Token extends TaskToken>(token: Token, namespaceId: string): Token {
  if (token.namespaceId !== namespaceId) {
    throw InvalidArgument.forField('taskToken', 'was issued for another namespace than the request names');
  }
  return token;
}
