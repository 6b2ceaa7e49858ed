import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { SdkTarget } from './run-greeting.ts';

/** temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD (the console has no proto package). */
const INDEXED_VALUE_TYPE_KEYWORD = 2;

/**
 * With the official SDK and an admin API key: registers a custom Keyword search attribute through
 * the OperatorService, then starts a run carrying it. No worker polls the task queue, so the run
 * stays Running until the console ends it.
 */
export async function startRunWithKeyword(
  target: SdkTarget,
  attribute: { name: string; value: string },
): Promise<{ workflowId: string; runId: string }> {
  const connection = await Connection.connect({ address: target.address, apiKey: target.apiKey, tls: false });
  try {
    await connection.operatorService.addSearchAttributes({
      namespace: target.namespace,
      searchAttributes: { [attribute.name]: INDEXED_VALUE_TYPE_KEYWORD },
    });
    const client = new Client({ connection, namespace: target.namespace });
    const workflowId = `approval-${randomUUID()}`;
    const handle = await client.workflow.start('awaitApproval', {
      taskQueue: `console-e2e-${randomUUID()}`,
      workflowId,
      args: [{ order: 42 }],
      searchAttributes: { [attribute.name]: [attribute.value] },
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  } finally {
    await connection.close();
  }
}
