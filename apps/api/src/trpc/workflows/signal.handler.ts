import { randomUUID } from 'node:crypto';
import type { SessionContext } from '../context.ts';
import type { SignalInput } from './signal.schema.ts';
import { auditWorkflowAction } from './workflow-audit.ts';
import { consoleIdentity, resolveWorkflowNamespace } from './workflow-namespace.ts';

/** The SDKs' default converter reads json/plain; that is what a signal handler expects. */
function jsonPayloads(text: string | undefined) {
  if (text === undefined) return undefined;
  return {
    payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(text, 'utf8') }],
  };
}

/** Sends a signal to a run (developer or higher). */
export async function signalHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: SignalInput;
}): Promise<{ ok: true }> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const execution = { workflowId: input.workflowId, runId: input.runId };
  const payloads = jsonPayloads(input.input);
  await ctx.history.signalWorkflowExecution(namespace, {
    namespace: namespace.name,
    workflowExecution: execution,
    signalName: input.signalName,
    identity: consoleIdentity(ctx),
    requestId: randomUUID(),
    ...(payloads ? { input: payloads } : {}),
  });
  await auditWorkflowAction(ctx, 'workflow.signal', namespace, execution, {
    signalName: input.signalName,
    inputBytes: input.input === undefined ? 0 : Buffer.byteLength(input.input, 'utf8'),
  });
  return { ok: true };
}
