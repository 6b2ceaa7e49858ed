// The workflow the console's E2E runs through the official SDK against a namespace it created in
// the UI: one activity, so the run goes through workflow and activity task queues both.
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './greeting-activities.ts';

const { composeGreeting } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

export async function greeting(name: string): Promise<string> {
  return await composeGreeting(name);
}
