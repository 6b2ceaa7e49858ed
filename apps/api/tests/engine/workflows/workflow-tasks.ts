// Workflow task failure and recovery.
import { workflowInfo } from '@temporalio/workflow';

/**
 * Throws a plain Error (which fails the workflow task, not the workflow) in its first workflow task:
 * there history holds only Started, TaskScheduled and TaskStarted; the retried task sees the failed
 * attempt's events too and succeeds.
 */
export async function failFirstWorkflowTask(): Promise<string> {
  if (workflowInfo().historyLength <= 3) throw new Error('workflow task failure on purpose');
  return 'recovered';
}
